package dev.realtime.hub;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * History reads of resuming subscriptions running at once on this node, at most {@code max};
 * the others wait their turn, first come first served. After a restart every client resumes in
 * the same second: unbounded, their reads would flood the broker (a Redis round trip each, with
 * the replayed bytes) and starve the live traffic of the node. A waiting subscription holds its
 * room's live frames meanwhile, as for any replay.
 */
final class ReplayQueue {

	private final int max;

	private final Queue<Waiting<?>> waiting = new ConcurrentLinkedQueue<>();

	/** Reads running; raised only by the one thread draining, lowered by any that ends one. */
	private final AtomicInteger running = new AtomicInteger();

	/** Whether a thread is draining, and how many asked it to look again meanwhile. */
	private final AtomicInteger drains = new AtomicInteger();

	/** @param max reads at once; -1 for no limit */
	ReplayQueue(int max) {
		this.max = max;
	}

	/** {@code read}, subscribed to when its turn comes. */
	<T> Mono<T> run(Mono<T> read) {
		if (this.max < 0) {
			return read;
		}
		return Mono.create((sink) -> {
			Waiting<T> turn = new Waiting<>(read, sink);
			sink.onCancel(turn::cancel);
			this.waiting.add(turn);
			drain();
		});
	}

	/** Subscriptions waiting for their turn now. */
	int waiting() {
		return this.waiting.size();
	}

	private void drain() {
		if (this.drains.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			// A read that completes at once ends inside start(), which only counts a drain
			// missed: no recursion however long the queue.
			while (this.running.get() < this.max) {
				Waiting<?> next = this.waiting.poll();
				if (next == null) {
					break;
				}
				this.running.incrementAndGet();
				next.start();
			}
			missed = this.drains.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void ended() {
		this.running.decrementAndGet();
		drain();
	}

	/** One subscription's read, waiting or running; it gives its place back once, however it ends. */
	private final class Waiting<T> {

		private final Mono<T> read;

		private final MonoSink<T> sink;

		private final AtomicBoolean cancelled = new AtomicBoolean();

		private final AtomicBoolean released = new AtomicBoolean();

		private volatile @Nullable Disposable subscription;

		Waiting(Mono<T> read, MonoSink<T> sink) {
			this.read = read;
			this.sink = sink;
		}

		void start() {
			if (this.cancelled.get()) {
				release();
				return;
			}
			this.subscription = this.read.doFinally((signal) -> release())
				.subscribe(this.sink::success, this.sink::error, this.sink::success);
		}

		void cancel() {
			this.cancelled.set(true);
			if (!ReplayQueue.this.waiting.remove(this)) {
				Disposable running = this.subscription;
				if (running != null) {
					running.dispose();
				}
			}
		}

		private void release() {
			if (this.released.compareAndSet(false, true)) {
				ended();
			}
		}

	}

}
