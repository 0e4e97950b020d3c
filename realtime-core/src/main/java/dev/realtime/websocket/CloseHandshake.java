package dev.realtime.websocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

/**
 * Completes a close handshake the server began: when the client answers the server's close
 * frame with its own, the socket is closed. Reactor Netty, which does not know the server's
 * close frame was sent (it is written with the connection's other frames, in order), would
 * otherwise answer with a second close frame, which browsers treat as a failure (1006).
 */
final class CloseHandshake extends ChannelInboundHandlerAdapter {

	private static final String NAME = "realtime.closeHandshake";

	private final WebSocketConnection connection;

	private CloseHandshake(WebSocketConnection connection) {
		this.connection = connection;
	}

	/** Adds the handler for {@code connection}, ahead of Reactor Netty's own. */
	static void install(ChannelPipeline pipeline, WebSocketConnection connection) {
		CloseHandshake handler = new CloseHandshake(connection);
		if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
			pipeline.addBefore(NettyPipeline.ReactiveBridge, NAME, handler);
		}
		else {
			pipeline.addLast(NAME, handler);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof CloseWebSocketFrame && this.connection.closeSent()) {
			ReferenceCountUtil.release(message);
			context.close();
			return;
		}
		context.fireChannelRead(message);
	}

}
