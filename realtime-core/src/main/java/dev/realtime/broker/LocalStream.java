package dev.realtime.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.realtime.EncodedEvent;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import reactor.util.concurrent.Queues;

/**
 * One topic of the {@link LocalBroker}: its window of recent publications, its listeners, and
 * the queue its publishers drain one at a time.
 * <p>
 * {@code state} counts operations in flight, or is {@code -1} once the stream is closed and must
 * not take more; it is only closed inside the broker's map lock, where listeners are added too.
 * The window is guarded by the stream's monitor, uncontended on the publishing path since one
 * drainer appends at a time.
 */
final class LocalStream {

	/** Bytes an entry costs beyond its event's JSON: the publication and its bookkeeping. */
	static final int ENTRY_OVERHEAD = 96;

	private static final BrokerListener[] NONE = {};

	final String name;

	final Queue<Runnable> queue = Queues.<Runnable>unboundedMultiproducer().get();

	private final AtomicInteger state = new AtomicInteger();

	private final AtomicInteger draining = new AtomicInteger();

	private final AtomicReference<BrokerListener[]> listeners = new AtomicReference<>(NONE);

	private final ArrayDeque<Entry> window = new ArrayDeque<>();

	private String epoch = newEpoch();

	private long offset;

	private long bytes;

	private volatile long lastActivity;

	LocalStream(String name, long now) {
		this.name = name;
		this.lastActivity = now;
	}

	static String newEpoch() {
		return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
	}

	boolean isInternal() {
		return this.name.startsWith(Broker.INTERNAL_PREFIX);
	}

	// Lifecycle and draining

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

	/** Marks one operation done; whether more remain for the current drainer. */
	boolean completeOne() {
		this.state.decrementAndGet();
		return this.draining.decrementAndGet() != 0;
	}

	/** Closes the stream if nothing uses it; only under the broker's map lock. */
	boolean tryClose() {
		return this.listeners.get().length == 0 && this.state.compareAndSet(0, -1);
	}

	boolean isClosed() {
		return this.state.get() < 0;
	}

	// Listeners

	/** Adds {@code listener}; only under the broker's map lock, on a stream that is not closed. */
	void addListener(BrokerListener listener) {
		this.listeners.updateAndGet((current) -> {
			BrokerListener[] next = Arrays.copyOf(current, current.length + 1);
			next[current.length] = listener;
			return next;
		});
	}

	void removeListener(BrokerListener listener) {
		this.listeners.updateAndGet((current) -> {
			for (int i = 0; i < current.length; i++) {
				if (current[i] == listener) {
					BrokerListener[] next = new BrokerListener[current.length - 1];
					System.arraycopy(current, 0, next, 0, i);
					System.arraycopy(current, i + 1, next, i, current.length - i - 1);
					return next;
				}
			}
			return current;
		});
	}

	BrokerListener[] listeners() {
		return this.listeners.get();
	}

	long lastActivity() {
		return this.lastActivity;
	}

	// The window

	/**
	 * Numbers {@code event} with the next offset and keeps it, dropping the oldest
	 * past the limits.
	 * @return the publication, and the change in bytes held
	 */
	synchronized Appended append(EncodedEvent event, HistoryLimits limits, long now) {
		this.lastActivity = now;
		if (isInternal()) {
			return new Appended(new Publication(this.name, 0, "", event), 0);
		}
		Publication publication = new Publication(this.name, ++this.offset, this.epoch, event);
		long before = this.bytes;
		if (limits.size() > 0) {
			Entry entry = new Entry(publication, now, event.json().length + ENTRY_OVERHEAD);
			this.window.addLast(entry);
			this.bytes += entry.bytes;
		}
		long expiry = now - limits.ttl().toMillis();
		while (!this.window.isEmpty() && (this.window.size() > limits.size()
				|| this.bytes > limits.maxTopicBytes() || this.window.peekFirst().appendedAt < expiry)) {
			this.bytes -= this.window.removeFirst().bytes;
		}
		return new Appended(publication, this.bytes - before);
	}

	synchronized StreamPosition position(long now) {
		this.lastActivity = now;
		return new StreamPosition(this.offset, this.epoch);
	}

	synchronized Replay since(StreamPosition since, int limit, long expiry, long now) {
		this.lastActivity = now;
		StreamPosition current = new StreamPosition(this.offset, this.epoch);
		if (!this.epoch.equals(since.epoch()) || since.offset() > this.offset) {
			return new Replay(List.of(), false, current);
		}
		List<Publication> missed = new ArrayList<>();
		for (Entry entry : this.window) {
			if (entry.publication.offset() > since.offset() && entry.appendedAt >= expiry) {
				missed.add(entry.publication);
			}
		}
		long first = missed.isEmpty() ? this.offset + 1 : missed.get(0).offset();
		boolean recovered = first == since.offset() + 1;
		if (missed.size() > limit) {
			missed = new ArrayList<>(missed.subList(missed.size() - limit, missed.size()));
			recovered = false;
		}
		return new Replay(missed, recovered, current);
	}

	/**
	 * Drops the whole window and starts a new epoch, so that clients resuming from the old one
	 * learn they missed data.
	 * @return the bytes freed
	 */
	synchronized long cut() {
		long freed = this.bytes;
		this.window.clear();
		this.bytes = 0;
		this.epoch = newEpoch();
		return freed;
	}

	/** Bytes held, for the broker's accounting when the stream is forgotten. */
	synchronized long bytes() {
		return this.bytes;
	}

	/** Drops publications older than {@code expiry}; the bytes freed. */
	synchronized long expire(long expiry) {
		long before = this.bytes;
		Iterator<Entry> entries = this.window.iterator();
		while (entries.hasNext()) {
			Entry entry = entries.next();
			if (entry.appendedAt >= expiry) {
				break;
			}
			this.bytes -= entry.bytes;
			entries.remove();
		}
		return before - this.bytes;
	}

	record Appended(Publication publication, long bytesDelta) {
	}

	private record Entry(Publication publication, long appendedAt, long bytes) {
	}

}
