package dev.realtime.websocket;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import dev.realtime.security.SlowConsumerPolicy;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Frames held back for a client that fell behind, under {@code drop-oldest} or
 * {@code conflate}, while its socket buffer is full. Exists only for such clients: a client that
 * keeps up never has one. Bounded in frames and bytes; past either bound the oldest frame goes.
 * Under {@code conflate}, a room has at most one frame here, its newest, in the place of the
 * first one held back. Confined to the connection's event loop.
 */
final class Backlog {

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

	private final Map<String, Entry> conflated = new HashMap<>();

	private final int maxFrames;

	private final long maxBytes;

	private final LimitCounters counters;

	private long bytes;

	Backlog(int maxFrames, long maxBytes, LimitCounters counters) {
		this.maxFrames = Math.max(maxFrames, 1);
		this.maxBytes = maxBytes;
		this.counters = counters;
	}

	boolean isEmpty() {
		return this.entries.isEmpty();
	}

	long bytes() {
		return this.bytes;
	}

	/**
	 * Holds back {@code frame}, taking over its reference.
	 * @return whether a frame was dropped or replaced to make room
	 */
	boolean add(ByteBuf frame, @Nullable String room, SlowConsumerPolicy policy) {
		if (policy == SlowConsumerPolicy.CONFLATE && room != null) {
			Entry previous = this.conflated.get(room);
			if (previous != null) {
				this.bytes += frame.readableBytes() - previous.frame.readableBytes();
				previous.frame.release();
				previous.frame = frame;
				this.counters.increment(LimitEvent.SLOW_CONSUMER_CONFLATED);
				return true;
			}
			Entry entry = new Entry(frame, room);
			this.conflated.put(room, entry);
			return append(entry);
		}
		return append(new Entry(frame, null));
	}

	/** The oldest frame held back, handing its reference to the caller; {@code null} when empty. */
	@Nullable ByteBuf poll() {
		Entry entry = this.entries.poll();
		if (entry == null) {
			return null;
		}
		forget(entry);
		return entry.frame;
	}

	/** Drops every frame. */
	void clear() {
		ByteBuf frame;
		while ((frame = poll()) != null) {
			frame.release();
		}
	}

	private boolean append(Entry entry) {
		this.entries.add(entry);
		this.bytes += entry.frame.readableBytes();
		boolean dropped = false;
		while (this.entries.size() > 1 && (this.entries.size() > this.maxFrames || this.bytes > this.maxBytes)) {
			ByteBuf oldest = poll();
			if (oldest != null) {
				oldest.release();
			}
			this.counters.increment(LimitEvent.SLOW_CONSUMER_DROPPED);
			dropped = true;
		}
		return dropped;
	}

	private void forget(Entry entry) {
		this.bytes -= entry.frame.readableBytes();
		if (entry.room != null) {
			this.conflated.remove(entry.room);
		}
	}

	private static final class Entry {

		ByteBuf frame;

		final @Nullable String room;

		Entry(ByteBuf frame, @Nullable String room) {
			this.frame = frame;
			this.room = room;
		}

	}

}
