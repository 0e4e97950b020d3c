package dev.realtime.websocket;

import java.util.zip.DataFormatException;

import dev.realtime.CloseCodes;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every frame a client sends to what RFC 6455 and the size limit allow, once Netty has
 * decoded it and inflated it, before anything buffers it:
 * <ul>
 * <li>a message, all its fragments together, inflated, of at most the limit, else 1009 (Netty's
 * decoder checks each frame as it is on the wire only);</li>
 * <li>no reserved bit (RSV1-3) that no extension took, else 1002 (Reactor Netty lets Netty
 * accept them all);</li>
 * <li>a close code that an endpoint may send (RFC 6455, section 7.4), else 1002, rather than an
 * echo of it;</li>
 * <li>a frame Netty's decoder or the inflater refused closes with the code they give (1002,
 * 1007, 1009).</li>
 * </ul>
 * It passes each message on whole, its fragments joined.
 * A connection is closed as {@link WebSocketConnection#close} closes it: its close frame after
 * the frames already queued for it. Then the {@link CloseDrain} reads and discards what the
 * client still sends, so that the client reads the code, and this guard drops any frame that was
 * decoded before. Each close is counted as {@link LimitEvent#FRAME_TOO_LARGE} or
 * {@link LimitEvent#FRAME_INVALID}.
 * <p>
 * Confined to the connection's event loop.
 */
final class InboundFrameGuard extends ChannelInboundHandlerAdapter {

	/** The name of Netty's frame decoder in the pipeline of an upgraded connection. */
	static final String FRAME_DECODER = "wsdecoder";

	private static final String NAME = "realtime.inboundFrameGuard";

	/** Components of a joined message before they are copied into one buffer. */
	private static final int MAX_FRAGMENTS = 1024;

	private static final Logger logger = LoggerFactory.getLogger(InboundFrameGuard.class);

	private final WebSocketConnection connection;

	private final int maxMessageBytes;

	private final LimitCounters counters;

	private long messageBytes;

	private boolean failed;

	/** The fragments of a message so far; {@code null} between messages, as almost always. */
	private @Nullable CompositeByteBuf fragments;

	/** Whether the message being joined is binary. */
	private boolean binary;

	private InboundFrameGuard(WebSocketConnection connection, int maxMessageBytes, LimitCounters counters) {
		this.connection = connection;
		this.maxMessageBytes = maxMessageBytes;
		this.counters = counters;
	}

	/**
	 * Netty's decoder configuration as Reactor Netty's, but for the closing: that one closes the
	 * socket as soon as its close frame is written, which resets a client that is still sending
	 * (the rest of a frame too large, say), and a reset client loses the close frame. One for
	 * every connection of an endpoint.
	 * @param maxMessageBytes the largest message, and frame, a client may send
	 */
	static WebSocketDecoderConfig decoderConfig(int maxMessageBytes) {
		return WebSocketDecoderConfig.newBuilder()
			.maxFramePayloadLength(maxMessageBytes)
			.allowExtensions(true)
			.closeOnProtocolViolation(false)
			.build();
	}

	/**
	 * Guards the frames of {@code connection}: a frame decoder of {@code config}, which leaves
	 * the closing to the guard, and the guard ahead of Reactor Netty's handlers.
	 * @param pipeline the pipeline of the upgraded connection
	 * @param connection the connection to close
	 * @param config the frame decoder's configuration, from {@link #decoderConfig(int)}
	 * @param counters where closes are counted
	 */
	static void install(ChannelPipeline pipeline, WebSocketConnection connection, WebSocketDecoderConfig config,
			LimitCounters counters) {
		pipeline.replace(FRAME_DECODER, FRAME_DECODER, new WebSocket13FrameDecoder(config));
		ReactorPipeline.addAheadOfReactor(pipeline, NAME,
				new InboundFrameGuard(connection, config.maxFramePayloadLength(), counters));
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (this.failed) {
			ReferenceCountUtil.release(message);
			return;
		}
		if (message instanceof WebSocketFrame frame) {
			if (frame.rsv() != 0) {
				ReferenceCountUtil.release(message);
				fail(context, CloseCodes.PROTOCOL_ERROR, "reserved bits set", LimitEvent.FRAME_INVALID);
				return;
			}
			if (frame instanceof CloseWebSocketFrame close && !isValidCloseCode(close.statusCode())) {
				ReferenceCountUtil.release(message);
				fail(context, CloseCodes.PROTOCOL_ERROR, "invalid close code", LimitEvent.FRAME_INVALID);
				return;
			}
			if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
				this.messageBytes = 0;
			}
			if (frame instanceof ContinuationWebSocketFrame || frame instanceof TextWebSocketFrame
					|| frame instanceof BinaryWebSocketFrame) {
				this.messageBytes += frame.content().readableBytes();
				if (this.messageBytes > this.maxMessageBytes) {
					ReferenceCountUtil.release(message);
					fail(context, CloseCodes.TOO_BIG, "message larger than " + this.maxMessageBytes + " bytes",
							LimitEvent.FRAME_TOO_LARGE);
					return;
				}
				if (frame instanceof ContinuationWebSocketFrame || !frame.isFinalFragment()) {
					join(context, frame);
					return;
				}
			}
		}
		context.fireChannelRead(message);
	}

	/**
	 * Joins the fragments of a message, passing it on whole after its last one. Netty's decoder
	 * has checked their sequence already, and this guard their total size.
	 */
	private void join(ChannelHandlerContext context, WebSocketFrame frame) {
		CompositeByteBuf fragments = this.fragments;
		if (fragments == null) {
			fragments = context.alloc().compositeBuffer(MAX_FRAGMENTS);
			this.fragments = fragments;
			this.binary = frame instanceof BinaryWebSocketFrame;
		}
		fragments.addComponent(true, frame.content().retain());
		boolean last = frame.isFinalFragment();
		frame.release();
		if (last) {
			this.fragments = null;
			context.fireChannelRead(this.binary ? new BinaryWebSocketFrame(fragments) : new TextWebSocketFrame(fragments));
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		releaseFragments();
		context.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext context) {
		releaseFragments();
	}

	private void releaseFragments() {
		if (this.fragments != null) {
			this.fragments.release();
			this.fragments = null;
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		if (cause instanceof CorruptedWebSocketFrameException corrupted) {
			// Netty's decoder: a frame too large on the wire (1009), broken framing (1002), a
			// close reason that is not UTF-8 (1007).
			int code = corrupted.closeStatus().code();
			String reason = corrupted.getMessage();
			failOnce(context, code, (reason != null) ? reason : corrupted.closeStatus().reasonText(),
					(code == CloseCodes.TOO_BIG) ? LimitEvent.FRAME_TOO_LARGE : LimitEvent.FRAME_INVALID);
		}
		else if (cause instanceof DecompressionException && !(cause.getCause() instanceof DataFormatException)) {
			// The inflater reached its bound, one byte past the limit, within a single frame.
			failOnce(context, CloseCodes.TOO_BIG, "message larger than " + this.maxMessageBytes + " bytes",
					LimitEvent.FRAME_TOO_LARGE);
		}
		else if (cause instanceof DecoderException) {
			// The inflater again: data that is not deflate.
			failOnce(context, CloseCodes.PROTOCOL_ERROR, "invalid compressed data", LimitEvent.FRAME_INVALID);
		}
		else {
			context.fireExceptionCaught(cause);
		}
	}

	private void failOnce(ChannelHandlerContext context, int code, String reason, LimitEvent event) {
		if (!this.failed) {
			fail(context, code, reason, event);
		}
	}

	private void fail(ChannelHandlerContext context, int code, String reason, LimitEvent event) {
		this.failed = true;
		this.connection.closeDrain().discard(context.channel());
		this.counters.increment(event);
		logger.debug("Closing {} with {}: {}", this.connection, code, reason);
		this.connection.close(code, reason).subscribe();
	}

	/**
	 * Whether a client may send {@code code} (-1 for none): RFC 6455 defines 1000 to 1003 and
	 * 1007 to 1011, IANA registered up to 1014, and 3000 to 4999 belong to libraries and
	 * applications. 1005, 1006 and 1015 only report what happened, and are never sent.
	 */
	private static boolean isValidCloseCode(int code) {
		return code == -1 || (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
				|| (code >= 3000 && code <= 4999);
	}

}
