package dev.realtime.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadlines on a connection whose clock the test moves: the head timeout is 1 s, the
 * keep-alive timeout 5 s.
 */
class RequestHeadTimeoutTests {

	private final LimitCounters counters = new LimitCounters();

	private EmbeddedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = new EmbeddedChannel();
		this.channel.freezeTime();
		this.channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
		RequestHeadTimeout.install(this.channel, Duration.ofSeconds(1), Duration.ofSeconds(5), this.counters);
	}

	@Test
	void closesAConnectionThatSendsNothing() {
		elapse(999);
		assertThat(this.channel.isActive()).isTrue();
		elapse(1);
		assertThat(this.channel.isActive()).isFalse();
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isEqualTo(1);
	}

	@Test
	void closesAConnectionWhoseHeadTricklesInAtTheSameDeadline() {
		long sent = 0;
		for (char c : "GET / HTTP/1.1\r\nHost: x\r\nX-Loris: aaaa".toCharArray()) {
			if (!this.channel.isActive()) {
				break;
			}
			send(String.valueOf(c));
			sent++;
			elapse(50);
		}
		assertThat(sent).isEqualTo(20);
		assertThat(this.channel.isActive()).isFalse();
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isEqualTo(1);
		// The cut-off head is not passed on to be answered, or logged, as a decoding failure.
		assertThat((Object) this.channel.readInbound()).isNull();
	}

	@Test
	void givesARequestWhoseHeadIsInAllTheTimeItTakesThenTheKeepAliveTimeoutForTheNext() {
		send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(readRequest().uri()).isEqualTo("/");
		elapse(60_000);
		assertThat(this.channel.isActive()).isTrue();
		respond(HttpResponseStatus.OK);
		elapse(4_999);
		assertThat(this.channel.isActive()).isTrue();
		elapse(1);
		assertThat(this.channel.isActive()).isFalse();
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isZero();
	}

	@Test
	void waitsForTheResponseOfEveryPipelinedRequest() {
		send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
		readRequest();
		readRequest();
		respond(HttpResponseStatus.OK);
		elapse(10_000);
		assertThat(this.channel.isActive()).isTrue();
		respond(HttpResponseStatus.OK);
		elapse(5_000);
		assertThat(this.channel.isActive()).isFalse();
	}

	@Test
	void doesNotTakeAnInformationalResponseForTheEndOfTheRequest() {
		send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n");
		readRequest();
		this.channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
		elapse(10_000);
		assertThat(this.channel.isActive()).isTrue();
	}

	@Test
	void keepsTheDeadlineUntilAWebSocketHandshakeCompletes() {
		elapse(500);
		send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
		readRequest();
		elapse(500);
		assertThat(this.channel.isActive()).isFalse();
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isEqualTo(1);
	}

	@Test
	void givesAWebSocketHandshakeOnAKeepAliveConnectionTheHeadTimeout() {
		send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
		readRequest();
		respond(HttpResponseStatus.OK);
		elapse(4_000);
		send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
		readRequest();
		elapse(999);
		assertThat(this.channel.isActive()).isTrue();
		elapse(1);
		assertThat(this.channel.isActive()).isFalse();
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isEqualTo(1);
	}

	@Test
	void endsWithAnUpgrade() {
		send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
		readRequest();
		this.channel.writeOutbound(
				new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS));
		assertThat(this.channel.pipeline().names()).doesNotContain("realtime.requestHeadTimeout");
		elapse(60_000);
		assertThat(this.channel.isActive()).isTrue();
	}

	@Test
	void givesARefusedHandshakeTheKeepAliveTimeoutForTheNextRequest() {
		send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
		readRequest();
		respond(HttpResponseStatus.UNAUTHORIZED);
		elapse(4_999);
		assertThat(this.channel.isActive()).isTrue();
		elapse(1);
		assertThat(this.channel.isActive()).isFalse();
		assertThat(this.counters.count(LimitEvent.REQUEST_HEAD_TIMED_OUT)).isZero();
	}

	@Test
	void needsAnHttpCodec() {
		EmbeddedChannel other = new EmbeddedChannel();
		RequestHeadTimeout.install(other, Duration.ofSeconds(1), Duration.ofSeconds(5), this.counters);
		assertThat(other.pipeline().names()).doesNotContain("realtime.requestHeadTimeout");
	}

	private void send(String text) {
		this.channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
	}

	/** The next request head passed on, its content dropped. */
	private HttpRequest readRequest() {
		for (;;) {
			Object message = this.channel.readInbound();
			assertThat(message).isNotNull();
			if (message instanceof HttpRequest request) {
				return request;
			}
			ReferenceCountUtil.release(message);
		}
	}

	/** Writes a whole response, as Reactor Netty does: a head, then the last content. */
	private void respond(HttpResponseStatus status) {
		this.channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, status));
		this.channel.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
		for (Object written = this.channel.readOutbound(); written != null; written = this.channel.readOutbound()) {
			((ByteBuf) written).release();
		}
	}

	private void elapse(long millis) {
		this.channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
		this.channel.runScheduledPendingTasks();
	}

}
