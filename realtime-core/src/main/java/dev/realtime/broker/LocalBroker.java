package dev.realtime.broker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.realtime.ClientInfo;
import dev.realtime.EncodedEvent;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A {@link Broker} for one node: each topic is a {@link LocalStream} in this node's memory.
 * <p>
 * Publishers never lock: they enqueue into the topic's multi-producer queue, and whichever
 * publisher finds the topic idle drains it, numbering and keeping each event and handing it to
 * every listener before taking the next. That single drainer is what keeps offsets and delivery
 * in one order under concurrent publishers. A subscription is live as soon as it is added, so
 * {@link #subscribe} completes at once.
 * <p>
 * Memory follows configuration, not the number of topics ever named: windows are bounded per
 * topic and in total by {@link HistoryLimits}, and {@link #evictIdle} forgets topics without
 * listeners that saw nothing within the ttl.
 */
public final class LocalBroker implements Broker {

	private static final Logger logger = LoggerFactory.getLogger(LocalBroker.class);

	private final ConcurrentMap<String, LocalStream> streams = new ConcurrentHashMap<>();

	private final HistoryLimits limits;

	private final Clock clock;

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicBoolean cutting = new AtomicBoolean();

	private final LongAdder windowsCut = new LongAdder();

	public LocalBroker(HistoryLimits limits) {
		this(limits, Clock.systemUTC());
	}

	LocalBroker(HistoryLimits limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	@Override
	public Mono<Publication> publish(String topic, EncodedEvent event) {
		return Mono.create((sink) -> enqueue(topic, (stream) -> append(stream, event, sink)));
	}

	@Override
	public Mono<Void> publishJoin(String topic, ClientInfo client) {
		return Mono.fromRunnable(() -> enqueue(topic, (stream) -> {
			for (BrokerListener listener : stream.listeners()) {
				notify(listener, () -> listener.onJoin(client));
			}
		}));
	}

	@Override
	public Mono<Void> publishLeave(String topic, ClientInfo client) {
		return Mono.fromRunnable(() -> enqueue(topic, (stream) -> {
			for (BrokerListener listener : stream.listeners()) {
				notify(listener, () -> listener.onLeave(client));
			}
		}));
	}

	@Override
	public Mono<Disposable> subscribe(String topic, BrokerListener listener) {
		return Mono.fromSupplier(() -> {
			LocalStream stream = this.streams.compute(topic, (name, existing) -> {
				LocalStream live = (existing == null || existing.isClosed()) ? new LocalStream(name, now()) : existing;
				live.addListener(listener);
				return live;
			});
			return () -> {
				stream.removeListener(listener);
				if (stream.isInternal()) {
					release(stream);
				}
			};
		});
	}

	@Override
	public Mono<Replay> history(String topic, StreamPosition since, int limit) {
		return Mono.fromSupplier(() -> {
			long now = now();
			return stream(topic).since(since, limit, now - this.limits.ttl().toMillis(), now);
		});
	}

	@Override
	public Mono<StreamPosition> position(String topic) {
		return Mono.fromSupplier(() -> stream(topic).position(now()));
	}

	/**
	 * Forgets every topic without listeners that saw no activity within the ttl, and drops
	 * expired publications of the others.
	 * @return how many topics were forgotten
	 */
	public int evictIdle() {
		long expiry = now() - this.limits.ttl().toMillis();
		int[] evicted = new int[1];
		this.streams.forEach((name, stream) -> {
			this.bytes.addAndGet(-stream.expire(expiry));
			this.streams.computeIfPresent(name, (key, current) -> {
				if (current.lastActivity() < expiry && current.tryClose()) {
					this.bytes.addAndGet(-current.bytes());
					evicted[0]++;
					return null;
				}
				return current;
			});
		});
		return evicted[0];
	}

	/** Number of topics in memory: with listeners, in flight, or within their ttl. */
	public int topics() {
		return this.streams.size();
	}

	/** Number of live subscriptions, over every topic. */
	public int subscriptions() {
		int subscriptions = 0;
		for (LocalStream stream : this.streams.values()) {
			subscriptions += stream.listeners().length;
		}
		return subscriptions;
	}

	/** Bytes of encoded events the windows hold, overhead included. */
	public long bytesHeld() {
		return this.bytes.get();
	}

	/** How many windows were cut whole to keep the node under its byte budget. */
	public long windowsCut() {
		return this.windowsCut.sum();
	}

	private LocalStream stream(String topic) {
		return this.streams.computeIfAbsent(topic, (name) -> new LocalStream(name, now()));
	}

	private void enqueue(String name, Consumer<LocalStream> operation) {
		for (;;) {
			LocalStream stream = this.streams.computeIfAbsent(name, (key) -> new LocalStream(key, now()));
			if (stream.acquire()) {
				stream.queue.offer(() -> operation.accept(stream));
				if (stream.claimDrain()) {
					drain(stream);
				}
				return;
			}
			// Lost a race with the stream's removal: the next lookup creates a fresh one.
		}
	}

	private void drain(LocalStream stream) {
		do {
			// Never null: an operation is offered before it is counted.
			stream.queue.poll().run();
		}
		while (stream.completeOne());
		if (stream.isInternal()) {
			release(stream);
		}
	}

	private void append(LocalStream stream, EncodedEvent event, MonoSink<Publication> sink) {
		LocalStream.Appended appended = stream.append(event, this.limits, now());
		if (appended.bytesDelta() != 0 && this.bytes.addAndGet(appended.bytesDelta()) > this.limits.maxBytes()) {
			cutIdlest();
		}
		Publication publication = appended.publication();
		for (BrokerListener listener : stream.listeners()) {
			notify(listener, () -> listener.onPublication(publication));
		}
		// Zero listeners is not a failure: the publication is in the window for later.
		sink.success(publication);
	}

	/**
	 * Brings the windows back under three quarters of the byte budget by cutting those of the
	 * topics idle the longest, so that one flood of big publications cannot hold the node's
	 * memory. One publisher does it while the others go on.
	 */
	private void cutIdlest() {
		if (!this.cutting.compareAndSet(false, true)) {
			return;
		}
		try {
			long target = this.limits.maxBytes() - this.limits.maxBytes() / 4;
			// Activity changes while we sort: sort a snapshot of it.
			List<Idleness> byIdleness = new ArrayList<>(this.streams.size());
			this.streams.values().forEach((stream) -> byIdleness.add(new Idleness(stream, stream.lastActivity())));
			byIdleness.sort(Comparator.comparingLong(Idleness::lastActivity));
			for (Idleness idle : byIdleness) {
				if (this.bytes.get() <= target) {
					break;
				}
				long freed = idle.stream().cut();
				if (freed > 0) {
					this.bytes.addAndGet(-freed);
					this.windowsCut.increment();
				}
			}
		}
		finally {
			this.cutting.set(false);
		}
	}

	private static void notify(BrokerListener listener, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			// One failing listener must not keep the others from the publication.
			logger.warn("Broker listener {} failed", listener, ex);
		}
	}

	private void release(LocalStream stream) {
		this.streams.computeIfPresent(stream.name, (name, s) -> (s == stream && s.tryClose()) ? null : s);
	}

	private long now() {
		return this.clock.millis();
	}

	private record Idleness(LocalStream stream, long lastActivity) {
	}

}
