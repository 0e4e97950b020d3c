package dev.realtime.bench.common;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes ticks at a fixed rate for a fixed time on a thread of its own, then stops.
 * <p>
 * Each tick carries the time it was <em>scheduled</em> for, not the time it went out: if the
 * server starves this thread, the delay shows up as latency instead of silently lowering the
 * rate (no coordinated omission). A publisher that falls behind catches up without sleeping.
 */
public final class RatePublisher implements Runnable {

	private final ServerUnderTest server;

	private final String[] rooms;

	private final double rate;

	private final long count;

	private final String pad;

	private final long seqBase;

	/**
	 * The documents' order lines: 256 different sets, publication {@code i} taking set
	 * {@code i % 256}, so that no document repeats within a deflate window (32 KB) and a
	 * compressing connection cannot just point back at the previous message.
	 */
	private final java.util.List<java.util.List<Document.Item>> items;

	private final AtomicLong published = new AtomicLong();

	private volatile long maxLagMicros;

	private volatile boolean stopped;

	/**
	 * @param server where to publish
	 * @param rooms rooms to publish to; each tick goes to one of them, chosen at random
	 * @param rate ticks per second, over all rooms
	 * @param seconds how long to publish
	 * @param size bytes of each tick's JSON
	 */
	public RatePublisher(ServerUnderTest server, String[] rooms, double rate, double seconds, int size) {
		this(server, rooms, rate, seconds, size, 0, false);
	}

	/**
	 * As above, with each tick's {@code seq} counted from {@code seqBase} (publishers on several
	 * nodes of a cluster each take a range of their own, so a receiver can check each one's
	 * order), and with {@code document}, a realistic JSON {@link Document} of about {@code size}
	 * bytes instead of a padded tick.
	 */
	public RatePublisher(ServerUnderTest server, String[] rooms, double rate, double seconds, int size, long seqBase,
			boolean document) {
		this.server = server;
		this.seqBase = seqBase;
		this.items = document ? java.util.stream.LongStream.range(0, 256).mapToObj((seed) -> Document.itemsFor(size, seed))
			.toList() : null;
		this.rooms = rooms;
		this.rate = rate;
		this.count = Math.max(1, Math.round(rate * seconds));
		this.pad = Tick.padFor(size);
	}

	@Override
	public void run() {
		SplittableRandom random = new SplittableRandom(42);
		long startNanos = System.nanoTime();
		long startMicros = BenchClock.nowMicros();
		double periodNanos = TimeUnit.SECONDS.toNanos(1) / this.rate;
		for (long i = 0; i < this.count && !this.stopped; i++) {
			long dueNanos = startNanos + (long) (i * periodNanos);
			long wait = dueNanos - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			else if (-wait / 1000 > this.maxLagMicros) {
				this.maxLagMicros = -wait / 1000;
			}
			long scheduledMicros = startMicros + (dueNanos - startNanos) / 1000;
			String room = (this.rooms.length == 1) ? this.rooms[0] : this.rooms[random.nextInt(this.rooms.length)];
			try {
				if (this.items != null) {
					this.server.publish(room, new Document(this.seqBase + i, scheduledMicros,
							this.items.get((int) (i % this.items.size()))));
				}
				else {
					this.server.publish(room, new Tick(this.seqBase + i, scheduledMicros, this.pad));
				}
			}
			catch (RuntimeException ex) {
				System.err.println("publish failed: " + ex);
			}
			this.published.incrementAndGet();
		}
	}

	/** Ticks handed to the server so far. */
	public long published() {
		return this.published.get();
	}

	/** How far behind schedule the publisher fell at worst, in microseconds. */
	public long maxLagMicros() {
		return this.maxLagMicros;
	}

	public void stop() {
		this.stopped = true;
	}

}
