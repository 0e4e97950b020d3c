package dev.realtime.hub;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.realtime.ClientInfo;
import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimePrincipal;
import dev.realtime.broker.Replay;
import dev.realtime.metrics.RealtimeMetrics;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Base of every transport's {@link Connection}: identity, room memberships, and the lane its
 * frames are written from, on the event loop of its channel. A transport says how it encodes
 * what the hub fans out (its {@link FrameEncoder}) and how it writes bytes; the hub does the
 * rest. Applications never extend it.
 */
public abstract class AbstractConnection implements Connection {

	private final String id;

	/** Who is connected: set at the handshake, replaced when the client refreshes its credentials. */
	private volatile RealtimePrincipal principal;

	/** Closes the connection when its credentials expire; {@code null} when they never do. */
	private volatile @Nullable Disposable expiry;

	private final Lane lane;

	private final FrameEncoder encoder;

	// Few rooms per connection and rare changes: a copy-on-write array is the smallest set.
	private final Set<String> rooms = new CopyOnWriteArraySet<>();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>(4);

	private volatile long lastSeenNanos = System.nanoTime();

	/** The hub this connection is registered with; set when it registers. */
	private @Nullable DefaultRealtimeHub hub;

	/** Whether the lane must flush this connection at the end of its round; lane-confined. */
	boolean dirty;

	/** What history this connection may still have replayed; made on its first replay. Lane-confined. */
	@Nullable ReplayBudget replayBudget;

	/** The gates of rooms being (re)subscribed, a list; {@code null} when none. Lane-confined. */
	private @Nullable Gate gates;

	/**
	 * @param principal who is connected
	 * @param eventLoop the single-threaded event loop of the connection's channel
	 * @param encoder how this connection's transport encodes publications
	 */
	protected AbstractConnection(RealtimePrincipal principal, Executor eventLoop, FrameEncoder encoder) {
		this.id = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
		this.principal = principal;
		this.lane = Lane.of(eventLoop);
		this.encoder = encoder;
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

	@Override
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

	/**
	 * Takes the refreshed credentials of the same user, keeping the presence info of the
	 * handshake, and closes the connection when they expire instead.
	 */
	void refreshed(RealtimePrincipal principal) {
		this.principal = principal.withInfo(this.principal.info());
		expireCredentials();
	}

	/** Schedules the close at the expiry of the current credentials, replacing any before. */
	void expireCredentials() {
		cancelExpiry();
		Instant expiresAt = this.principal.expiresAt();
		if (expiresAt == null) {
			return;
		}
		long delay = Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis());
		this.expiry = Schedulers.parallel()
			.schedule(() -> close(CloseCodes.CREDENTIALS_EXPIRED, "credentials expired").subscribe(), delay,
					TimeUnit.MILLISECONDS);
	}

	void cancelExpiry() {
		Disposable expiry = this.expiry;
		if (expiry != null) {
			expiry.dispose();
		}
	}

	/** What presence shows of this connection. */
	ClientInfo clientInfo() {
		return new ClientInfo(this.id, userId(), this.principal.info());
	}

	boolean addRoom(String room) {
		return this.rooms.add(room);
	}

	boolean removeRoom(String room) {
		return this.rooms.remove(room);
	}

	Lane lane() {
		return this.lane;
	}

	void registered(DefaultRealtimeHub hub) {
		this.hub = hub;
	}

	@Override
	public void send(Event event) {
		DefaultRealtimeHub hub = this.hub;
		if (hub == null) {
			throw new IllegalStateException(this + " is not registered with a hub");
		}
		deliver(OutboundFrame.publication(Publication.direct(hub.encode(event))));
	}

	@Override
	public void sendText(String text) {
		deliver(OutboundFrame.encoded(textFrame(text)));
	}

	private void deliver(OutboundFrame frame) {
		try {
			this.lane.deliver(frame, this);
		}
		finally {
			frame.release();
		}
	}

	/** Runs {@code task} on the connection's event loop, after every frame queued before it. */
	protected final void execute(Runnable task) {
		this.lane.execute(task);
	}

	/** Records that the client showed signs of life. */
	public void touch() {
		this.lastSeenNanos = System.nanoTime();
	}

	/** When the client last showed signs of life, in {@link System#nanoTime()} units. */
	public long lastSeenNanos() {
		return this.lastSeenNanos;
	}

	/** What this connection reports to. */
	protected RealtimeMetrics metrics() {
		DefaultRealtimeHub hub = this.hub;
		return (hub != null) ? hub.metrics() : RealtimeMetrics.NONE;
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

	/** {@code text} as this transport's frame for this connection alone (a reply, an error). */
	protected abstract ByteBuf textFrame(String text);

	/**
	 * The frame that answers a subscription to {@code room}, written before any of its
	 * publications: {@code reply} as a {@link #textFrame text frame} unless the transport says
	 * otherwise. Called on the event loop.
	 */
	protected ByteBuf subscribedFrame(String room, Replay replay, String reply) {
		return textFrame(reply);
	}

	/**
	 * Writes {@code frame} without flushing, on the event loop, taking over its reference.
	 * @param publication what the frame carries, {@code null} for frames outside rooms' streams
	 * @return whether something was written that now needs a flush
	 */
	protected abstract boolean write(ByteBuf frame, @Nullable Publication publication);

	/** Flushes what {@link #write} wrote, on the event loop. */
	protected abstract void flush();

	/**
	 * Whether {@code frame}, delivered by the lane, is written: a gate may hold or skip it, and a
	 * room this connection is not in drops it. A fan-out that started before the connection left,
	 * or from a room whose broker subscription failed, must not slip a frame in between a
	 * failed subscribe and the client's retry: the client would take it for where it stands.
	 */
	final boolean accept(OutboundFrame frame) {
		String room = frame.room();
		if (room != null) {
			if (!this.rooms.contains(room)) {
				return false;
			}
			Gate gate = (this.gates != null) ? gate(room) : null;
			if (gate != null) {
				if (!gate.admits(frame)) {
					return false;
				}
				if (gate.passedBy(frame)) {
					closeGate(room);
				}
			}
		}
		return writeFrame(frame);
	}

	/** Encodes {@code frame} with this transport's encoder and writes it, past any gate. */
	final boolean writeFrame(OutboundFrame frame) {
		ByteBuf bytes = frame.bytesFor(this.encoder);
		return bytes != null && write(bytes, frame.publication());
	}

	/** Starts holding live frames of {@code room}; on the lane. */
	void holdRoom(String room) {
		dropGate(room);
		this.gates = new Gate(room, this.gates);
	}

	/**
	 * Stops holding frames of {@code room}, the replay having covered it up to {@code offset}:
	 * writes the held frames past it and skips later ones up to it. On the lane.
	 */
	void releaseRoom(String room, long offset) {
		Gate gate = gate(room);
		if (gate == null) {
			return;
		}
		for (OutboundFrame held : gate.open(offset)) {
			try {
				if (held.offset() > offset) {
					this.lane.writeNow(this, held);
				}
			}
			finally {
				held.release();
			}
		}
	}

	/** Drops the gate of {@code room}, releasing what it held; on the lane. */
	void dropGate(String room) {
		Gate gate = gate(room);
		if (gate != null) {
			gate.open(Long.MAX_VALUE).forEach(OutboundFrame::release);
			closeGate(room);
		}
	}

	/** Drops every gate, releasing what they held; on the lane, once the connection closed. */
	void dropGates() {
		while (this.gates != null) {
			dropGate(this.gates.room);
		}
	}

	private @Nullable Gate gate(String room) {
		for (Gate gate = this.gates; gate != null; gate = gate.next) {
			if (gate.room.equals(room)) {
				return gate;
			}
		}
		return null;
	}

	private void closeGate(String room) {
		Gate previous = null;
		for (Gate gate = this.gates; gate != null; previous = gate, gate = gate.next) {
			if (gate.room.equals(room)) {
				if (previous == null) {
					this.gates = gate.next;
				}
				else {
					previous.next = gate.next;
				}
				return;
			}
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.id + ", user=" + userId() + "]";
	}

}
