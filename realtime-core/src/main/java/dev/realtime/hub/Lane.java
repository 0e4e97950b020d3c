package dev.realtime.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.metrics.RealtimeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.concurrent.Queues;

/**
 * The delivery queue of one event loop: every connection served by that loop is written from
 * here.
 * <p>
 * A fan-out submits one task per lane, not one per connection; the lane then writes the shared
 * frame to each of its connections on the loop's own thread and flushes each connection once
 * per round, however many frames it received. Submissions from any thread are lock-free and
 * kept in order, so frames a room enqueues in offset order are written in offset order.
 */
final class Lane {

	/** Tasks per round before the lane yields its thread to I/O and other work. */
	private static final int ROUND = 256;

	private static final Logger logger = LoggerFactory.getLogger(Lane.class);

	private static final ConcurrentMap<Executor, Lane> LANES = new ConcurrentHashMap<>();

	private final Executor executor;

	private final Queue<Runnable> tasks = Queues.<Runnable>unboundedMultiproducer().get();

	private final AtomicInteger pending = new AtomicInteger();

	private final List<AbstractConnection> dirty = new ArrayList<>();

	private final Runnable drain = this::drain;

	/** Whether this round flushes each write at once instead of once at its end; lane-confined. */
	private boolean eager;

	private Lane(Executor executor) {
		this.executor = executor;
	}

	/** The lane of {@code executor}, a single-threaded event loop. */
	static Lane of(Executor executor) {
		return LANES.computeIfAbsent(executor, Lane::new);
	}

	/**
	 * Writes {@code frame} to each of {@code targets}, all of which belong to this lane, and
	 * reports the deliveries to {@code metrics} once for them all.
	 */
	void deliver(OutboundFrame frame, Iterable<? extends AbstractConnection> targets, RealtimeMetrics metrics) {
		frame.retain();
		submit(() -> {
			try {
				int delivered = 0;
				for (AbstractConnection target : targets) {
					if (write(target, frame)) {
						delivered++;
					}
				}
				if (frame.publication() != null) {
					metrics.delivered(delivered, System.nanoTime() - frame.createdAtNanos());
				}
			}
			finally {
				frame.release();
			}
		});
	}

	/** Writes {@code frame} to {@code target}, which belongs to this lane. */
	void deliver(OutboundFrame frame, AbstractConnection target) {
		frame.retain();
		submit(() -> {
			try {
				write(target, frame);
			}
			finally {
				frame.release();
			}
		});
	}

	/** Runs {@code task} on the lane's thread, after everything submitted before it. */
	void execute(Runnable task) {
		submit(task);
	}

	/** Writes {@code frame} to {@code target} at once: only from a task running on this lane. */
	void writeNow(AbstractConnection target, OutboundFrame frame) {
		if (target.writeFrame(frame)) {
			written(target);
		}
	}

	private boolean write(AbstractConnection target, OutboundFrame frame) {
		if (!target.accept(frame)) {
			return false;
		}
		written(target);
		return true;
	}

	/** Flushes {@code target} now in an eager round, else once at the end of the round. */
	private void written(AbstractConnection target) {
		if (this.eager) {
			target.flush();
		}
		else if (!target.dirty) {
			target.dirty = true;
			this.dirty.add(target);
		}
	}

	private static void run(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			// One failing write must not stall every other connection of the loop.
			logger.warn("Delivery task failed", ex);
		}
	}

	private void submit(Runnable task) {
		this.tasks.offer(task);
		if (this.pending.getAndIncrement() == 0) {
			this.executor.execute(this.drain);
		}
	}

	private void drain() {
		// Only tasks already counted are taken: each was offered before it was counted.
		int count = Math.min(this.pending.get(), ROUND);
		// A round of one task writes each connection at most once, so flushing as it goes costs
		// no extra flush, and the first connections get their frame a whole sweep of writes
		// earlier. Only when frames queue up does deferring the flush save any.
		this.eager = (count == 1);
		for (int i = 0; i < count; i++) {
			run(this.tasks.poll());
		}
		for (AbstractConnection connection : this.dirty) {
			connection.dirty = false;
			connection.flush();
		}
		this.dirty.clear();
		if (this.pending.addAndGet(-count) != 0) {
			this.executor.execute(this.drain);
		}
	}

}
