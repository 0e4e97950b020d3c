package dev.realtime.hub;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;

import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimePrincipal;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ProtocolCodec;
import org.jspecify.annotations.Nullable;

/**
 * Base of every transport's {@link Connection}: identity, room memberships and the lane its
 * frames are written from. Transports implement the writes; applications never extend it.
 */
public abstract class AbstractConnection implements Connection {

	private final String id;

	private final RealtimePrincipal principal;

	private final Lane lane;

	private final ProtocolCodec codec;

	// Few rooms per connection and rare changes: a copy-on-write array is the smallest set.
	private final Set<String> rooms = new CopyOnWriteArraySet<>();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>(4);

	private volatile long lastSeenNanos = System.nanoTime();

	/** What this connection reports to; set when the hub registers it. */
	RealtimeMetrics metrics = RealtimeMetrics.NONE;

	/** Whether the lane must flush this connection at the end of its round; lane-confined. */
	boolean dirty;

	/** Rooms being (re)subscribed, by name; {@code null} when none, as almost always. Lane-confined. */
	private @Nullable Map<String, Gate> gates;

	protected AbstractConnection(RealtimePrincipal principal, Lane lane, ProtocolCodec codec) {
		this.id = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
		this.principal = principal;
		this.lane = lane;
		this.codec = codec;
		this.attributes.putAll(principal.attributes());
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public @Nullable String userId() {
		return this.principal.userId();
	}

	public RealtimePrincipal principal() {
		return this.principal;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public Set<String> rooms() {
		return Collections.unmodifiableSet(this.rooms);
	}

	boolean addRoom(String room) {
		return this.rooms.add(room);
	}

	boolean removeRoom(String room) {
		return this.rooms.remove(room);
	}

	public Lane lane() {
		return this.lane;
	}

	@Override
	public void send(Event event) {
		OutboundFrame frame = this.codec.encode(Publication.direct(event));
		this.lane.deliver(frame, this);
		frame.release();
	}

	@Override
	public void sendText(String text) {
		OutboundFrame frame = OutboundFrame.text(text);
		this.lane.deliver(frame, this);
		frame.release();
	}

	/** Records that the client showed signs of life. */
	public void touch() {
		this.lastSeenNanos = System.nanoTime();
	}

	/** When the client last showed signs of life, in {@link System#nanoTime()} units. */
	public long lastSeenNanos() {
		return this.lastSeenNanos;
	}

	/** The transport's name, as metrics tag it: {@code websocket}, {@code sse}. */
	public abstract String transport();

	/** What this connection reports to. */
	protected RealtimeMetrics metrics() {
		return this.metrics;
	}

	/**
	 * Whether the connection joins its user's personal room when registered. A connection that
	 * names its rooms itself (an SSE stream) says no, and joins {@code user:{id}} only if asked.
	 */
	protected boolean joinsPersonalRoom() {
		return true;
	}

	/** Sends whatever keeps the transport alive (a ping, a comment), after what is queued. */
	protected abstract void heartbeat();

	/** Bytes written to this connection that its client has not taken yet. */
	public abstract long pendingBytes();

	/** Whether {@code frame}, delivered by the lane, is written: a gate may hold or skip it. */
	final boolean accept(OutboundFrame frame) {
		if (this.gates != null && frame.room() != null) {
			Gate gate = this.gates.get(frame.room());
			if (gate != null) {
				if (!gate.admits(frame)) {
					return false;
				}
				if (gate.passedBy(frame)) {
					closeGate(frame.room());
				}
			}
		}
		return write(frame);
	}

	/** Starts holding live frames of {@code room}; on the lane. */
	void holdRoom(String room) {
		if (this.gates == null) {
			this.gates = new HashMap<>(4);
		}
		this.gates.put(room, new Gate());
	}

	/**
	 * Stops holding frames of {@code room}, the replay having covered it up to {@code offset}:
	 * writes the held frames past it and skips later ones up to it. On the lane.
	 */
	void releaseRoom(String room, long offset) {
		Gate gate = (this.gates != null) ? this.gates.get(room) : null;
		if (gate == null) {
			return;
		}
		for (OutboundFrame held : gate.open(offset)) {
			try {
				if (held.offset() > offset) {
					lane().writeNow(this, held);
				}
			}
			finally {
				held.release();
			}
		}
	}

	/** Drops the gate of {@code room}, releasing what it held; on the lane. */
	void dropGate(String room) {
		Gate gate = (this.gates != null) ? this.gates.get(room) : null;
		if (gate != null) {
			gate.open(Long.MAX_VALUE).forEach(OutboundFrame::release);
			closeGate(room);
		}
	}

	/** Drops every gate, releasing what they held; on the lane, once the connection closed. */
	void dropGates() {
		if (this.gates != null) {
			List.copyOf(this.gates.keySet()).forEach(this::dropGate);
		}
	}

	private void closeGate(String room) {
		this.gates.remove(room);
		if (this.gates.isEmpty()) {
			this.gates = null;
		}
	}

	/**
	 * Writes {@code frame} without flushing, on the lane's thread.
	 * @return whether something was written that now needs a flush
	 */
	protected abstract boolean write(OutboundFrame frame);

	/** Flushes what {@link #write} wrote, on the lane's thread. */
	protected abstract void flush();

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.id + ", user=" + userId() + "]";
	}

}
