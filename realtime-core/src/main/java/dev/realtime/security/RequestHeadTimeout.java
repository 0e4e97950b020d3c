package dev.realtime.security;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * The deadlines of an HTTP/1.1 connection for the heads of its requests. From the moment the
 * connection opens, the client has the request-head timeout to send a whole request head and,
 * when that request upgrades to WebSocket, for the handshake to complete; then the connection
 * is closed. Once a response has been written, the client has the keep-alive timeout for its
 * next request head, and again the request-head timeout for a handshake once that head is in.
 * <p>
 * Bytes trickling in do not extend a deadline, as they would an idle timeout: Netty's decoder
 * passes nothing on before a head is whole, so a client sending a byte now and then (slowloris)
 * is closed at the same deadline as one sending nothing. Once a request's head is in, its body
 * and its response take as long as they take: a stream of Server-Sent Events is not cut.
 */
public final class RequestHeadTimeout extends ChannelDuplexHandler {

	private static final String NAME = "realtime.requestHeadTimeout";

	private final long headTimeoutNanos;

	private final long keepAliveTimeoutNanos;

	private final LimitCounters counters;

	// The state below is confined to the channel's event loop.

	private @Nullable ScheduledFuture<?> deadline;

	/** Whether the deadline is the keep-alive one, which closing at is routine, not a refusal. */
	private boolean keepAlive;

	/** Requests whose head arrived and whose response has not been written yet. */
	private int pending;

	/** Whether the response being written is informational (100 Continue), not the last one. */
	private boolean informational;

	/** Whether this closed the connection: what the decoder makes of a cut-off head is dropped. */
	private boolean expired;

	private RequestHeadTimeout(Duration headTimeout, Duration keepAliveTimeout, LimitCounters counters) {
		this.headTimeoutNanos = headTimeout.toNanos();
		this.keepAliveTimeoutNanos = keepAliveTimeout.toNanos();
		this.counters = counters;
	}

	/**
	 * Puts the deadline on {@code channel}, right behind its HTTP/1.1 codec; does nothing to a
	 * channel without one.
	 * @param channel a server connection whose pipeline Reactor Netty has just set up
	 * @param headTimeout the time a client has for its first request head, and for a handshake;
	 * zero for no limit
	 * @param keepAliveTimeout the time a client has for the head of each later request; zero for
	 * no limit
	 * @param counters where connections closed for the request-head timeout are counted
	 */
	public static void install(Channel channel, Duration headTimeout, Duration keepAliveTimeout,
			LimitCounters counters) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(NettyPipeline.HttpCodec) != null) {
			pipeline.addAfter(NettyPipeline.HttpCodec, NAME,
					new RequestHeadTimeout(headTimeout, keepAliveTimeout, counters));
		}
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			arm(ctx, false);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.deadline == null) {
			arm(ctx, false);
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.expired || isCutOff(msg)) {
			// A head cut off by a close, by this deadline or the client, has nothing to answer;
			// Reactor Netty would log each as a decoding failure, a flood of its own under attack.
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			this.pending++;
			if (!isWebSocketUpgrade(request)) {
				disarm();
			}
			else if (this.keepAlive) {
				arm(ctx, false);
			}
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response) {
			if (response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
				// Upgraded: the HTTP exchange, and with it this deadline, is over.
				disarm();
				ctx.write(msg, promise);
				ctx.pipeline().remove(this);
				return;
			}
			this.informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
		}
		if (msg instanceof LastHttpContent && !this.informational && this.pending > 0 && --this.pending == 0) {
			// The next head is due within the timeout of this response's end, not of its start.
			ChannelPromise written = promise.unvoid();
			written.addListener((future) -> {
				if (this.pending == 0) {
					arm(ctx, true);
				}
			});
			ctx.write(msg, written);
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		disarm();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		disarm();
	}

	private void arm(ChannelHandlerContext ctx, boolean keepAlive) {
		disarm();
		this.keepAlive = keepAlive;
		long timeoutNanos = keepAlive ? this.keepAliveTimeoutNanos : this.headTimeoutNanos;
		if (timeoutNanos > 0) {
			this.deadline = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void disarm() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
			this.deadline = null;
		}
	}

	private void expire(ChannelHandlerContext ctx) {
		this.deadline = null;
		if (ctx.channel().isActive()) {
			if (!this.keepAlive) {
				this.counters.increment(LimitEvent.REQUEST_HEAD_TIMED_OUT);
			}
			this.expired = true;
			ctx.close();
		}
	}

	private static boolean isCutOff(Object msg) {
		return msg instanceof DecoderResultProvider provider
				&& provider.decoderResult().cause() instanceof PrematureChannelClosureException;
	}

	private static boolean isWebSocketUpgrade(HttpRequest request) {
		return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
	}

}
