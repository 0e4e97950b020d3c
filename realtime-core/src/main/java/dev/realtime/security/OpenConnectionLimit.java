package dev.realtime.security;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most TCP connections the server holds at once: realtime connections, plain HTTP requests,
 * and connections still sending their first request, which no handshake limit sees yet. A
 * connection beyond it is closed as soon as it is accepted, before anything is read from it, so
 * that a flood of sockets cannot exhaust the process's file descriptors and with them
 * everything else the node does.
 */
public final class OpenConnectionLimit {

	private static final Logger logger = LoggerFactory.getLogger(OpenConnectionLimit.class);

	/** Refusals are logged at most this often: under a flood, one line per socket is a flood too. */
	private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final int maxOpenConnections;

	private final LimitCounters counters;

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());

	/**
	 * @param maxOpenConnections the most connections open at once; negative for no limit
	 * @param counters where connections closed for it are counted
	 */
	public OpenConnectionLimit(int maxOpenConnections, LimitCounters counters) {
		this.maxOpenConnections = maxOpenConnections;
		this.counters = counters;
	}

	/**
	 * Counts {@code channel}, just accepted, until it closes; or closes it at once when the
	 * server holds the most connections already.
	 * @return whether the channel was let in
	 */
	public boolean admit(Channel channel) {
		for (;;) {
			int count = this.open.get();
			if (this.maxOpenConnections >= 0 && count >= this.maxOpenConnections) {
				refuse(channel);
				return false;
			}
			if (this.open.compareAndSet(count, count + 1)) {
				channel.closeFuture().addListener((future) -> this.open.decrementAndGet());
				return true;
			}
		}
	}

	/** Connections open now. */
	public int open() {
		return this.open.get();
	}

	private void refuse(Channel channel) {
		channel.close();
		this.counters.increment(LimitEvent.OPEN_CONNECTIONS_EXCEEDED);
		long now = System.nanoTime();
		long next = this.nextLogNanos.get();
		if (now - next >= 0 && this.nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
			logger.warn("Closing new connections at once: {} are open, the most this server holds",
					this.maxOpenConnections);
		}
	}

}
