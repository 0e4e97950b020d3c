package dev.realtime.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a client still sends after the server's close frame, so that the client can read
 * that frame. A socket closed with unread bytes is reset, and a reset makes the client's kernel
 * throw away what it had not read yet: the close frame, whose code the client never sees (1006).
 * A client that sent a message too large has the rest of it in flight, megabytes maybe.
 * <p>
 * The drain is bounded: a client that sends more than {@code maxBytes} after the close frame is
 * cut off at once, and one that takes longer than {@link WebSocketConnection}'s grace period
 * too. Sits before Netty's frame decoder, and sees the bytes as they come:
 * <ul>
 * <li>after a close of the server's own, they are counted and passed on, so that the client's
 * close frame, when it answers, ends the connection at once;</li>
 * <li>after a frame the {@link InboundFrameGuard} refused ({@link #discard(Channel)}), they are counted
 * and thrown away unread: what follows a frame that cannot be framed or inflated cannot be
 * either.</li>
 * </ul>
 * Confined to the connection's event loop.
 */
final class CloseDrain extends ChannelInboundHandlerAdapter {

	static final String NAME = "realtime.closeDrain";

	private static final Logger logger = LoggerFactory.getLogger(CloseDrain.class);

	private final WebSocketConnection connection;

	private final long maxBytes;

	private long bytes;

	private boolean discarding;

	CloseDrain(WebSocketConnection connection, long maxBytes) {
		this.connection = connection;
		this.maxBytes = maxBytes;
	}

	/**
	 * Throws away everything from now on, reading on whatever demand the session has left, until
	 * the connection is closed.
	 */
	void discard(Channel channel) {
		this.discarding = true;
		channel.config().setAutoRead(true);
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (this.discarding || this.connection.closeSent()) {
			if (message instanceof ByteBuf buffer) {
				this.bytes += buffer.readableBytes();
			}
			if (this.bytes > this.maxBytes) {
				ReferenceCountUtil.release(message);
				logger.debug("Dropping {}: it sent more than {} bytes after the close frame", this.connection,
						this.maxBytes);
				context.close();
				return;
			}
			if (this.discarding) {
				ReferenceCountUtil.release(message);
				return;
			}
		}
		context.fireChannelRead(message);
	}

}
