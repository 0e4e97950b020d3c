package dev.realtime.hub;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * One thing the hub hands to lanes for their connections: a publication, a join or leave, or
 * bytes one connection's transport already encoded (a reply, an error).
 * <p>
 * A publication is encoded lazily, once per {@link FrameEncoder} that asks, and the bytes are
 * shared by every connection using that encoder: a delivery is a reference-counted view of them,
 * with no copy. The frame is reference-counted too; its creator owns one reference, each lane
 * task that holds it another, and the encoded bytes go when the last is released.
 */
final class OutboundFrame {

	/** Marks an encoder that sends nothing for this frame. */
	private static final ByteBuf NOTHING = Unpooled.EMPTY_BUFFER;

	private final @Nullable Publication publication;

	private final @Nullable String room;

	private final Function<FrameEncoder, @Nullable ByteBuf> encode;

	/** Bytes already encoded for the one connection that receives them, else {@code null}. */
	private final @Nullable ByteBuf raw;

	private final AtomicInteger references = new AtomicInteger(1);

	/** Encoders and what each encoded, alternating; almost always one pair. */
	private final AtomicReference<Object[]> encoded = new AtomicReference<>(new Object[0]);

	private final long createdAtNanos = System.nanoTime();

	private OutboundFrame(@Nullable Publication publication, @Nullable String room,
			Function<FrameEncoder, @Nullable ByteBuf> encode, @Nullable ByteBuf raw) {
		this.publication = publication;
		this.room = room;
		this.encode = encode;
		this.raw = raw;
	}

	static OutboundFrame publication(Publication publication) {
		return new OutboundFrame(publication, publication.room(), (encoder) -> encoder.encode(publication), null);
	}

	static OutboundFrame join(String room, ClientInfo client) {
		return new OutboundFrame(null, room, (encoder) -> encoder.encodeJoin(room, client), null);
	}

	static OutboundFrame leave(String room, ClientInfo client) {
		return new OutboundFrame(null, room, (encoder) -> encoder.encodeLeave(room, client), null);
	}

	static OutboundFrame resync(String room, StreamPosition position) {
		return new OutboundFrame(null, room, (encoder) -> encoder.encodeResync(room, position), null);
	}

	/** Bytes one transport encoded for one connection, outside any room's stream; takes them over. */
	static OutboundFrame encoded(ByteBuf bytes) {
		return new OutboundFrame(null, null, (encoder) -> null, bytes);
	}

	/** The publication it carries, {@code null} for other frames. */
	@Nullable Publication publication() {
		return this.publication;
	}

	/** The room it belongs to, {@code null} for frames outside rooms. */
	@Nullable String room() {
		return this.room;
	}

	/** The publication's offset in its room's stream, {@code 0} for frames outside the stream. */
	long offset() {
		return (this.publication != null) ? this.publication.offset() : 0;
	}

	long createdAtNanos() {
		return this.createdAtNanos;
	}

	/**
	 * A new reference to the bytes {@code encoder} makes of this frame, encoding them on the
	 * first ask; {@code null} when the encoder sends nothing for it. The caller releases it.
	 */
	@Nullable ByteBuf bytesFor(FrameEncoder encoder) {
		if (this.raw != null) {
			return this.raw.retainedDuplicate();
		}
		for (;;) {
			Object[] current = this.encoded.get();
			for (int i = 0; i < current.length; i += 2) {
				if (current[i] == encoder) {
					return share((ByteBuf) current[i + 1]);
				}
			}
			ByteBuf bytes = this.encode.apply(encoder);
			Object[] next = Arrays.copyOf(current, current.length + 2);
			next[current.length] = encoder;
			next[current.length + 1] = (bytes != null) ? bytes : NOTHING;
			if (this.encoded.compareAndSet(current, next)) {
				return share((ByteBuf) next[current.length + 1]);
			}
			// Another lane encoded for some encoder meanwhile: use its bytes if it was this one.
			if (bytes != null) {
				bytes.release();
			}
		}
	}

	void retain() {
		this.references.incrementAndGet();
	}

	/** Gives up one reference; the last releases the encoded bytes. */
	void release() {
		if (this.references.decrementAndGet() == 0) {
			if (this.raw != null) {
				this.raw.release();
			}
			Object[] encoded = this.encoded.getAndSet(new Object[0]);
			for (int i = 1; i < encoded.length; i += 2) {
				if (encoded[i] != NOTHING) {
					((ByteBuf) encoded[i]).release();
				}
			}
		}
	}

	private static @Nullable ByteBuf share(ByteBuf bytes) {
		return (bytes == NOTHING) ? null : bytes.retainedDuplicate();
	}

}
