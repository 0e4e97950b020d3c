package dev.realtime.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * What one client address may take on this node: handshakes per second, as a token bucket with
 * a burst, and connections open at once. Refusals are 429 with {@code Retry-After}.
 * <p>
 * The address is the request's remote address. It reflects forwarded headers only when the
 * application trusts its proxy ({@code server.forward-headers-strategy}), so a header a client
 * sets itself never counts; behind a proxy that the application does not trust, every client
 * has the proxy's address. IPv6 addresses count by their /64 prefix, the block a single
 * subscriber is given, so that rotating through the addresses of one's own block escapes
 * nothing.
 * <p>
 * Memory is bounded: an address is kept only while it has connections open or its bucket is
 * refilling. Those of idle addresses are dropped as soon as they are seen idle, and a sweep
 * at most once a second looks at all of them.
 */
public final class ClientAddressLimits {

	private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** The bytes of an IPv6 address that name its /64 block. */
	private static final int IPV6_PREFIX_BYTES = 8;

	private final double handshakesPerNano;

	private final int handshakeBurst;

	private final int maxConnections;

	private final LimitCounters counters;

	/** What a refusal for the rate counts as. */
	private final LimitEvent rateExceeded;

	private final LongSupplier nanoClock;

	private final ConcurrentMap<Object, Usage> addresses = new ConcurrentHashMap<>();

	private final AtomicLong nextSweep;

	/**
	 * @param handshakesPerSecond the handshakes an address may make per second on average; 0 or
	 * less for no limit
	 * @param handshakeBurst the handshakes an address may make at once beyond its rate
	 * @param maxConnections the most connections an address may have open; negative for no limit
	 * @param counters where refusals are counted
	 */
	public ClientAddressLimits(int handshakesPerSecond, int handshakeBurst, int maxConnections,
			LimitCounters counters) {
		this(handshakesPerSecond, handshakeBurst, maxConnections, counters, LimitEvent.ADDRESS_HANDSHAKES_EXCEEDED,
				System::nanoTime);
	}

	ClientAddressLimits(int handshakesPerSecond, int handshakeBurst, int maxConnections, LimitCounters counters,
			LongSupplier nanoClock) {
		this(handshakesPerSecond, handshakeBurst, maxConnections, counters, LimitEvent.ADDRESS_HANDSHAKES_EXCEEDED,
				nanoClock);
	}

	private ClientAddressLimits(int handshakesPerSecond, int handshakeBurst, int maxConnections,
			LimitCounters counters, LimitEvent rateExceeded, LongSupplier nanoClock) {
		this.handshakesPerNano = Math.max(handshakesPerSecond, 0) / 1e9;
		this.handshakeBurst = Math.max(handshakeBurst, 1);
		this.maxConnections = maxConnections;
		this.counters = counters;
		this.rateExceeded = rateExceeded;
		this.nanoClock = nanoClock;
		this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_INTERVAL_NANOS);
	}

	/**
	 * Limits of the same kind for requests other than handshakes (an HTTP endpoint's): a rate
	 * per address with a burst, counted as {@code exceeded} when refused, and no connections.
	 * @param requestsPerSecond the requests an address may make per second on average; 0 or
	 * less for no limit
	 * @param burst the requests an address may make at once beyond its rate
	 * @param exceeded what a refusal counts as
	 * @param counters where refusals are counted
	 */
	public static ClientAddressLimits ofRate(int requestsPerSecond, int burst, LimitEvent exceeded,
			LimitCounters counters) {
		return new ClientAddressLimits(requestsPerSecond, burst, -1, counters, exceeded, System::nanoTime);
	}

	/**
	 * Counts a handshake from {@code address}; one without an address is not limited.
	 * @throws HandshakeRejectedException 429 when the address has made too many lately
	 */
	public void admitHandshake(@Nullable InetSocketAddress address) {
		if (!tryAdmit(address)) {
			throw new HandshakeRejectedException(HttpStatus.TOO_MANY_REQUESTS, "too many handshakes from this address");
		}
	}

	/**
	 * Counts a request from {@code address}: whether it is within the address's rate (one
	 * without an address always is); a refusal is counted.
	 */
	public boolean tryAdmit(@Nullable InetSocketAddress address) {
		if (this.handshakesPerNano == 0 || address == null) {
			return true;
		}
		long now = this.nanoClock.getAsLong();
		boolean[] admitted = new boolean[1];
		this.addresses.compute(key(address), (key, usage) -> {
			Usage current = (usage != null) ? usage : new Usage(this.handshakeBurst, now);
			admitted[0] = current.takeHandshake(now);
			return current;
		});
		sweepIfDue(now);
		if (!admitted[0]) {
			this.counters.increment(this.rateExceeded);
		}
		return admitted[0];
	}

	/**
	 * A place for a connection from {@code address}; one without an address is not limited.
	 * @throws HandshakeRejectedException 429 when the address has the most connections
	 */
	public ConnectionPermit acquire(@Nullable InetSocketAddress address) {
		if (this.maxConnections < 0 || address == null) {
			return new ConnectionPermit(() -> {
			});
		}
		Object key = key(address);
		boolean[] acquired = new boolean[1];
		this.addresses.compute(key, (k, usage) -> {
			Usage current = (usage != null) ? usage : new Usage(this.handshakeBurst, this.nanoClock.getAsLong());
			acquired[0] = current.connections < this.maxConnections;
			if (acquired[0]) {
				current.connections++;
			}
			return current.isIdle(this.nanoClock.getAsLong()) ? null : current;
		});
		if (!acquired[0]) {
			this.counters.increment(LimitEvent.ADDRESS_CONNECTIONS_EXCEEDED);
			throw new HandshakeRejectedException(HttpStatus.TOO_MANY_REQUESTS, "too many connections from this address");
		}
		return new ConnectionPermit(() -> this.addresses.computeIfPresent(key, (k, usage) -> {
			usage.connections--;
			return usage.isIdle(this.nanoClock.getAsLong()) ? null : usage;
		}));
	}

	/** Addresses kept now: those with connections open or a bucket refilling. */
	public int addresses() {
		return this.addresses.size();
	}

	private void sweepIfDue(long now) {
		long due = this.nextSweep.get();
		if (now - due < 0 || !this.nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
			return;
		}
		for (Object key : this.addresses.keySet()) {
			this.addresses.computeIfPresent(key, (k, usage) -> usage.isIdle(now) ? null : usage);
		}
	}

	/**
	 * The address, or its /64 block for IPv6. A forwarded address may come unresolved: its
	 * text is parsed, never looked up, and counts as it is when it is no IP address.
	 */
	static Object key(InetSocketAddress socketAddress) {
		InetAddress address = socketAddress.getAddress();
		if (address == null) {
			address = NetUtil.createInetAddressFromIpAddressString(socketAddress.getHostString());
			if (address == null) {
				return socketAddress.getHostString();
			}
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 16) {
			for (int i = IPV6_PREFIX_BYTES; i < bytes.length; i++) {
				bytes[i] = 0;
			}
			try {
				return InetAddress.getByAddress(bytes);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address;
	}

	/** What one address uses; only touched inside the map's atomic updates of its entry. */
	private final class Usage {

		private double tokens;

		private long refilledAt;

		private int connections;

		Usage(double tokens, long now) {
			this.tokens = tokens;
			this.refilledAt = now;
		}

		boolean takeHandshake(long now) {
			refill(now);
			if (this.tokens < 1) {
				return false;
			}
			this.tokens--;
			return true;
		}

		/** Whether nothing would be lost by forgetting this address. */
		boolean isIdle(long now) {
			if (this.connections > 0) {
				return false;
			}
			refill(now);
			return this.tokens >= ClientAddressLimits.this.handshakeBurst
					|| ClientAddressLimits.this.handshakesPerNano == 0;
		}

		private void refill(long now) {
			this.tokens = Math.min(ClientAddressLimits.this.handshakeBurst,
					this.tokens + (now - this.refilledAt) * ClientAddressLimits.this.handshakesPerNano);
			this.refilledAt = now;
		}

	}

}
