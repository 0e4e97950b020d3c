package dev.realtime.redis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import dev.realtime.broker.BrokerListener;
import dev.realtime.broker.Replay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One room's subscription on this node: its listeners, and the last offset this node delivered
 * to them, which is how it repairs what Redis pub/sub lost on the way.
 * <p>
 * Redis pub/sub is at-most-once: a message is lost while the connection is down, or when Redis
 * drops a subscriber that fell behind. Every room's stream is in Redis, though, so a publication
 * that is not the next offset, or a reconnect, makes this node read the missing range from the
 * stream and deliver it, in order, before anything newer; only when the stream no longer holds it
 * are the listeners told to resync. Everything is processed one at a time, in arrival order, by
 * whichever thread finds the topic idle; while a repair reads the stream, what arrives waits.
 */
final class RedisTopic {

	private static final Logger logger = LoggerFactory.getLogger(RedisTopic.class);

	private static final BrokerListener[] NONE = {};

	/** How long a failed repair waits before it reads again. */
	private static final Duration RETRY = Duration.ofMillis(500);

	/** Marks that the pub/sub connection came back: repair from the last offset. */
	private static final Object RECONNECTED = new Object();

	final String room;

	final byte[] channel;

	private final AtomicReference<BrokerListener[]> listeners = new AtomicReference<>(NONE);

	private final Queue<Object> inbox = Queues.unboundedMultiproducer().get();

	private final AtomicInteger wip = new AtomicInteger();

	private final Sinks.One<Void> live = Sinks.one();

	private final Mono<Void> liveSignal = this.live.asMono().cache();

	/** Reads the room's stream after an offset, to repair a gap. */
	private final LongFunction<Mono<Replay>> history;

	// Confined to the drain.

	private final ArrayDeque<Object> held = new ArrayDeque<>();

	private boolean repairing = true;

	private long lastOffset = -1;

	private @Nullable String epoch;

	RedisTopic(String room, byte[] channel, LongFunction<Mono<Replay>> history) {
		this.room = room;
		this.channel = channel;
		this.history = history;
	}

	/** Completes once the subscription is confirmed and this node knows where the room stands. */
	Mono<Void> live() {
		return this.liveSignal;
	}

	void failed(Throwable failure) {
		this.live.tryEmitError(failure);
	}

	void addListener(BrokerListener listener) {
		this.listeners.updateAndGet((current) -> {
			BrokerListener[] next = Arrays.copyOf(current, current.length + 1);
			next[current.length] = listener;
			return next;
		});
	}

	/** Removes {@code listener}; whether none is left. */
	boolean removeListener(BrokerListener listener) {
		return this.listeners.updateAndGet((current) -> {
			int i = Arrays.asList(current).indexOf(listener);
			if (i < 0) {
				return current;
			}
			BrokerListener[] next = new BrokerListener[current.length - 1];
			System.arraycopy(current, 0, next, 0, i);
			System.arraycopy(current, i + 1, next, i, current.length - i - 1);
			return next;
		}).length == 0;
	}

	boolean hasListeners() {
		return this.listeners.get().length > 0;
	}

	/** The subscription is confirmed and the room stood at {@code position}: go live from there. */
	void baseline(StreamPosition position) {
		offer(position);
	}

	/** A message of the room's channel. */
	void message(byte[] message) {
		offer(message);
	}

	/** The pub/sub connection came back: what was published meanwhile must be read. */
	void reconnected() {
		offer(RECONNECTED);
	}

	private void offer(Object item) {
		this.inbox.offer(item);
		drain();
	}

	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		do {
			Object item;
			while ((item = this.inbox.poll()) != null) {
				if (this.repairing && !(item instanceof StreamPosition || item instanceof Repaired)) {
					this.held.add(item);
				}
				else {
					process(item);
				}
			}
		}
		while (this.wip.decrementAndGet() != 0);
	}

	private void process(Object item) {
		if (item instanceof StreamPosition position) {
			this.lastOffset = position.offset();
			this.epoch = position.epoch();
			resume();
			this.live.tryEmitEmpty();
		}
		else if (item instanceof Repaired repaired) {
			if (apply(repaired.replay())) {
				resume();
			}
		}
		else if (item == RECONNECTED) {
			repair();
		}
		else {
			receive((byte[]) item);
		}
	}

	/** Goes on with what arrived during a repair, until it is all done or another repair starts. */
	private void resume() {
		this.repairing = false;
		Object item;
		while (!this.repairing && (item = this.held.poll()) != null) {
			process(item);
		}
	}

	private void receive(byte[] message) {
		RedisMessage parsed = RedisMessage.parse(this.room, message);
		if (parsed.join() != null) {
			forEach((listener) -> listener.onJoin(parsed.join()));
			return;
		}
		if (parsed.leave() != null) {
			forEach((listener) -> listener.onLeave(parsed.leave()));
			return;
		}
		Publication publication = parsed.publication();
		if (!publication.inStream()) {
			// An internal topic's: no offset, no history, nothing to repair.
			deliver(publication);
			return;
		}
		if (!publication.epoch().equals(this.epoch)) {
			// The room's history was lost in Redis: its stream starts again, in a new epoch.
			this.epoch = publication.epoch();
			this.lastOffset = publication.offset();
			StreamPosition from = new StreamPosition(publication.offset() - 1, publication.epoch());
			forEach((listener) -> listener.onResync(from));
			deliver(publication);
			return;
		}
		if (publication.offset() <= this.lastOffset) {
			return;
		}
		if (publication.offset() > this.lastOffset + 1) {
			this.held.addFirst(message);
			repair();
			return;
		}
		this.lastOffset = publication.offset();
		deliver(publication);
	}

	/** Reads the stream after the last offset delivered; what arrives meanwhile waits. */
	private void repair() {
		this.repairing = true;
		long since = this.lastOffset;
		logger.debug("Repairing room '{}' from offset {}", this.room, since);
		this.history.apply(since).subscribe((replay) -> offer(new Repaired(replay)), (ex) -> {
			logger.warn("Repairing room '{}' failed, trying again", this.room, ex);
			Mono.delay(RETRY).subscribe((tick) -> offer(new Repaired(null)));
		});
	}

	/** Delivers what a repair read; whether it is done, or had to start over. */
	private boolean apply(@Nullable Replay replay) {
		if (replay == null) {
			// The read failed: try again, still holding what arrived.
			repair();
			return false;
		}
		if (!replay.recovered() || !replay.position().epoch().equals(this.epoch)) {
			this.lastOffset = replay.position().offset();
			this.epoch = replay.position().epoch();
			StreamPosition from = replay.position();
			forEach((listener) -> listener.onResync(from));
			return true;
		}
		for (Publication publication : replay.publications()) {
			if (publication.offset() > this.lastOffset) {
				this.lastOffset = publication.offset();
				deliver(publication);
			}
		}
		return true;
	}

	private void deliver(Publication publication) {
		forEach((listener) -> listener.onPublication(publication));
	}

	private void forEach(Consumer<BrokerListener> call) {
		for (BrokerListener listener : this.listeners.get()) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Broker listener {} of room '{}' failed", listener, this.room, ex);
			}
		}
	}

	/** The result of a repair's read; {@code null} when it failed. */
	private record Repaired(@Nullable Replay replay) {
	}

}
