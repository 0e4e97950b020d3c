package dev.realtime.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Reads one WebSocket subscriber's text frames in the Netty pipeline, ahead of Reactor Netty's
 * reactive bridge, so a delivery costs the client a frame decode and a scan and nothing more.
 * Every other frame (ping, close) goes on to Reactor Netty, which answers pings with pongs.
 */
final class SubscriberHandler extends ChannelInboundHandlerAdapter {

	private final Deliveries deliveries;

	private final WireProtocol protocol;

	private final String room;

	private final int index;

	private final Deliveries.ConnectionOrder order = new Deliveries.ConnectionOrder();

	private boolean subscribed;

	SubscriberHandler(Deliveries deliveries, WireProtocol protocol, String room, int index) {
		this.deliveries = deliveries;
		this.protocol = protocol;
		this.room = room;
		this.index = index;
	}

	private static final boolean DEBUG = Boolean.getBoolean("bench.debug");

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (DEBUG && this.index == 0) {
			System.err.println("frame " + msg + " " + ctx.pipeline().names());
		}
		if (!(msg instanceof TextWebSocketFrame frame)) {
			ctx.fireChannelRead(msg);
			return;
		}
		try {
			ByteBuf content = frame.content();
			int from = content.readerIndex();
			int to = content.writerIndex();
			long sent = TickScanner.sentMicros(content, from, to);
			if (sent >= 0) {
				this.deliveries.onTick(TickScanner.seq(content, from, to), sent, this.order);
				return;
			}
			if (!this.subscribed && isSubscribeConfirmation(content)) {
				this.subscribed = true;
				this.deliveries.onSubscribed();
			}
			String answer = this.protocol.answer(content, this.room, this.index);
			if (answer != null) {
				ctx.writeAndFlush(new TextWebSocketFrame(answer));
			}
		}
		finally {
			frame.release();
		}
	}

	private static boolean isSubscribeConfirmation(ByteBuf content) {
		// Our protocol's reply to subscribe; STOMP has none, the server's count tells instead.
		return content.readableBytes() > 16 && content.getByte(content.readerIndex() + 9) == 'r'
				&& content.toString(content.readerIndex(), 16, java.nio.charset.StandardCharsets.US_ASCII)
					.equals("{\"type\":\"reply\",");
	}

}
