package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.security.LimitCounters;
import dev.realtime.security.OpenConnectionLimit;
import dev.realtime.security.RequestHeadTimeout;
import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.http.server.HttpServer;

/**
 * Guards every connection of the web server, not only those of the realtime endpoints, from
 * the moment it is accepted: it counts under the {@link OpenConnectionLimit}, and the heads of
 * its requests are under a {@link RequestHeadTimeout}.
 */
final class RealtimeNettyServerCustomizer implements NettyServerCustomizer {

	private final OpenConnectionLimit openConnections;

	private final Duration requestHeadTimeout;

	private final Duration keepAliveTimeout;

	private final LimitCounters counters;

	/**
	 * @param openConnections the most connections the server holds
	 * @param requestHeadTimeout the time a client has for its first request head, and for a
	 * WebSocket handshake; zero for no limit
	 * @param keepAliveTimeout the time a client has for the head of each later request; zero
	 * for no limit
	 * @param counters where connections closed for the request-head timeout are counted
	 */
	RealtimeNettyServerCustomizer(OpenConnectionLimit openConnections, Duration requestHeadTimeout,
			Duration keepAliveTimeout, LimitCounters counters) {
		this.openConnections = openConnections;
		this.requestHeadTimeout = requestHeadTimeout;
		this.keepAliveTimeout = keepAliveTimeout;
		this.counters = counters;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		boolean deadlines = isPositive(this.requestHeadTimeout) || isPositive(this.keepAliveTimeout);
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (isAccepted(channel) && this.openConnections.admit(channel) && deadlines) {
				RequestHeadTimeout.install(channel, this.requestHeadTimeout, this.keepAliveTimeout, this.counters);
			}
		});
	}

	/** Whether {@code channel} is a connection the server accepted, not an HTTP/2 stream. */
	private static boolean isAccepted(Channel channel) {
		return channel.parent() instanceof ServerChannel;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
