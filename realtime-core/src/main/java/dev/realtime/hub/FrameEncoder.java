package dev.realtime.hub;

import dev.realtime.ClientInfo;
import dev.realtime.Publication;
import dev.realtime.StreamPosition;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the hub fans out into the bytes one kind of connection writes: a WebSocket frame of
 * the built-in protocol, an application's own format, a Server-Sent Event.
 * <p>
 * The hub asks each encoder once per publication per node, whatever the number of connections
 * that use it, and shares the result between them; an encoder must therefore not depend on the
 * receiving connection. The caller owns the buffer it returns.
 */
public interface FrameEncoder {

	/** The bytes that carry {@code publication}. */
	ByteBuf encode(Publication publication);

	/** The bytes that announce {@code client} joining {@code room}, {@code null} to send none. */
	default @Nullable ByteBuf encodeJoin(String room, ClientInfo client) {
		return null;
	}

	/** The bytes that announce {@code client} leaving {@code room}, {@code null} to send none. */
	default @Nullable ByteBuf encodeLeave(String room, ClientInfo client) {
		return null;
	}

	/**
	 * The bytes that tell a member of {@code room} that publications were lost and the stream
	 * goes on from {@code position}, {@code null} to send none.
	 */
	default @Nullable ByteBuf encodeResync(String room, StreamPosition position) {
		return null;
	}

}
