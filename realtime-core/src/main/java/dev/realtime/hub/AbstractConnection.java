package dev.realtime.hub;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimePrincipal;
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

	/** Whether the lane must flush this connection at the end of its round; lane-confined. */
	boolean dirty;

	protected AbstractConnection(String id, RealtimePrincipal principal, Lane lane, ProtocolCodec codec) {
		this.id = id;
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
		OutboundFrame frame = OutboundFrame.text(text.getBytes(StandardCharsets.UTF_8));
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

	/** Bytes written to this connection that its client has not taken yet. */
	public abstract long pendingBytes();

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
