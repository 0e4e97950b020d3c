package dev.realtime.broker;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.history.HistoryStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * A {@link Broker} for one node: each topic is a Reactor {@link Sinks.Many} fed in offset order.
 * <p>
 * Publishers never lock: they enqueue into the topic's multi-producer queue, and whichever
 * publisher finds the topic idle drains it, appending each event to the {@link HistoryStore}
 * and emitting it before taking the next. That single drainer is what keeps offsets and
 * delivery in one order under concurrent publishers.
 * <p>
 * A topic lives while it has subscribers or publications in flight, so memory follows the
 * rooms in use, not every room ever named.
 */
public final class LocalBroker implements Broker {

	private final ConcurrentMap<String, Topic> topics = new ConcurrentHashMap<>();

	private final HistoryStore history;

	public LocalBroker(HistoryStore history) {
		this.history = history;
	}

	@Override
	public Mono<Publication> publish(String topic, Event event) {
		return Mono.create((sink) -> enqueue(topic, new Pending(event, sink)));
	}

	@Override
	public Flux<Publication> subscribe(String topic) {
		return Flux.defer(() -> {
			Topic t = this.topics.compute(topic, (name, existing) -> {
				Topic live = (existing == null || existing.isClosed()) ? new Topic(name) : existing;
				live.subscribers.incrementAndGet();
				return live;
			});
			return t.sink.asFlux().doFinally((signal) -> {
				t.subscribers.decrementAndGet();
				release(t);
			});
		});
	}

	/** Number of topics with subscribers or publications in flight. */
	public int activeTopics() {
		return this.topics.size();
	}

	private void enqueue(String name, Pending pending) {
		for (;;) {
			Topic topic = this.topics.computeIfAbsent(name, Topic::new);
			if (topic.acquire()) {
				topic.queue.offer(pending);
				if (topic.claimDrain()) {
					drain(topic);
				}
				return;
			}
			// Lost a race with the topic's removal: the next lookup creates a fresh one.
		}
	}

	private void drain(Topic topic) {
		do {
			// Never null: a publication is offered before it is counted.
			emit(topic, topic.queue.poll());
		}
		while (topic.completeOne());
		release(topic);
	}

	private void emit(Topic topic, Pending pending) {
		Publication publication;
		try {
			publication = this.history.append(topic.name, pending.event);
		}
		catch (RuntimeException ex) {
			pending.sink.error(ex);
			return;
		}
		// Zero subscribers is not a failure: the publication is in the history for later.
		topic.sink.tryEmitNext(publication);
		pending.sink.success(publication);
	}

	private void release(Topic topic) {
		this.topics.computeIfPresent(topic.name, (name, t) -> (t == topic && t.tryClose()) ? null : t);
	}

	private record Pending(Event event, MonoSink<Publication> sink) {
	}

	/**
	 * One topic's sink and drain state. {@code state} counts publications in flight, or is
	 * {@code -1} once the topic is closed and must not take more.
	 */
	private static final class Topic {

		private final String name;

		private final Sinks.Many<Publication> sink = Sinks.many().multicast().directBestEffort();

		private final Queue<Pending> queue = Queues.<Pending>unboundedMultiproducer().get();

		private final AtomicInteger state = new AtomicInteger();

		private final AtomicInteger subscribers = new AtomicInteger();

		private final AtomicInteger draining = new AtomicInteger();

		Topic(String name) {
			this.name = name;
		}

		boolean acquire() {
			for (;;) {
				int s = this.state.get();
				if (s < 0) {
					return false;
				}
				if (this.state.compareAndSet(s, s + 1)) {
					return true;
				}
			}
		}

		/** Whether the caller became the drainer; it then drains until {@link #completeOne} says stop. */
		boolean claimDrain() {
			return this.draining.getAndIncrement() == 0;
		}

		/** Marks one publication done; whether more remain for the current drainer. */
		boolean completeOne() {
			this.state.decrementAndGet();
			return this.draining.decrementAndGet() != 0;
		}

		boolean tryClose() {
			return this.subscribers.get() == 0 && this.state.compareAndSet(0, -1);
		}

		boolean isClosed() {
			return this.state.get() < 0;
		}

	}

}
