package dev.realtime.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.realtime.bench.common.BenchClock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the subscribers of one fleet received: publish-to-receive latency (HdrHistogram, in
 * microseconds, written without locks from every client event loop), counts, and order.
 * <p>
 * Latency and the measured count are recorded only between {@link #startRecording()} and
 * {@link #stopRecording()}; {@link #seen()} counts every tick ever, to tell when traffic stopped.
 */
final class Deliveries {

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

	private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);

	private final LongAdder received = new LongAdder();

	private final LongAdder seen = new LongAdder();

	private final LongAdder outOfOrder = new LongAdder();

	private final LongAdder subscribed = new LongAdder();

	private final LongAdder wireBytes = new LongAdder();

	private volatile boolean recording;

	/** Bumped at each recording, so each connection restarts its order check with the new run. */
	private volatile int run;

	void onTick(long seq, long sentMicros, ConnectionOrder order) {
		this.seen.increment();
		int currentRun = this.run;
		if (!order.accept(currentRun, seq)) {
			this.outOfOrder.increment();
		}
		if (this.recording) {
			this.received.increment();
			long micros = BenchClock.nowMicros() - sentMicros;
			this.latency.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
		}
	}

	/** Bytes a subscriber read off its socket, before any WebSocket decoding or inflating. */
	void onWireBytes(int bytes) {
		this.wireBytes.add(bytes);
	}

	long wireBytes() {
		return this.wireBytes.sum();
	}

	void onSubscribed() {
		this.subscribed.increment();
	}

	void startRecording() {
		this.latency.reset();
		this.received.reset();
		this.outOfOrder.reset();
		this.run++;
		this.recording = true;
	}

	/** Stops recording; the latency of everything recorded since {@link #startRecording()}. */
	Histogram stopRecording() {
		this.recording = false;
		return this.latency.getIntervalHistogram();
	}

	long received() {
		return this.received.sum();
	}

	long seen() {
		return this.seen.sum();
	}

	long outOfOrder() {
		return this.outOfOrder.sum();
	}

	long subscribed() {
		return this.subscribed.sum();
	}

	/**
	 * The last sequence number one connection saw, confined to its event loop. Within a room a
	 * server must deliver in publication order, and the publisher numbers ticks in that order.
	 */
	static final class ConnectionOrder {

		/**
		 * Publishers on several nodes number their ticks from ranges of their own, this far apart
		 * ({@code seqBase}): order is checked per publisher, as two publishers have no order
		 * between them.
		 */
		static final long PUBLISHER_RANGE = 1_000_000_000L;

		private static final int PUBLISHERS = 4;

		private int run = -1;

		private final long[] lastSeq = new long[PUBLISHERS];

		boolean accept(int currentRun, long seq) {
			int publisher = (int) Math.min(PUBLISHERS - 1, Math.max(0, seq / PUBLISHER_RANGE));
			if (currentRun != this.run) {
				this.run = currentRun;
				java.util.Arrays.fill(this.lastSeq, -1);
			}
			boolean inOrder = this.lastSeq[publisher] < 0 || seq > this.lastSeq[publisher];
			this.lastSeq[publisher] = seq;
			return inOrder;
		}

	}

}
