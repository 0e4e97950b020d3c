package dev.realtime.websocket;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;

/** Where our handlers go in the pipeline of an upgraded connection. */
final class ReactorPipeline {

	private ReactorPipeline() {
	}

	/**
	 * Adds {@code handler} last among the handlers ahead of Reactor Netty's bridge, so that it
	 * sees what the frame decoder and the handlers added before it pass on.
	 */
	static void addAheadOfReactor(ChannelPipeline pipeline, String name, ChannelHandler handler) {
		if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
			pipeline.addBefore(NettyPipeline.ReactiveBridge, name, handler);
		}
		else {
			pipeline.addLast(name, handler);
		}
	}

}
