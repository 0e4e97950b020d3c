package dev.realtime.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PerMessageDeflateTests {

	@Test
	void aClientThatOffersNothingGetsNoCompression() {
		assertThat(PerMessageDeflate.negotiate(new HttpHeaders(), 1000)).isNull();
	}

	@Test
	void theFirstOfferThatCanBeAcceptedIsAgreedTo() {
		assertThat(responseTo("permessage-deflate")).isEqualTo("permessage-deflate");
		assertThat(responseTo("permessage-deflate; unknown=1, permessage-deflate")).isEqualTo("permessage-deflate");
	}

	@Test
	void otherExtensionsAndOffersThatCannotBeParsedAreDeclined() {
		assertThat(responseTo("x-webkit-deflate-frame")).isNull();
		assertThat(responseTo("deflate-frame")).isNull();
		assertThat(responseTo(";;;")).isNull();
	}

	@Test
	void aFrameThatInflatesPastTheLimitFailsWhileInflating() {
		EmbeddedChannel channel = channelWith(PerMessageDeflate.negotiate(offer("permessage-deflate"), 1000));
		TextWebSocketFrame bomb = compressed("x".repeat(1024 * 1024));
		assertThatExceptionOfType(DecompressionException.class).isThrownBy(() -> channel.writeInbound(bomb));
	}

	@Test
	void aFrameThatInflatesToTheLimitExactlyIsInflatedWhole() {
		EmbeddedChannel channel = channelWith(PerMessageDeflate.negotiate(offer("permessage-deflate"), 1000));
		channel.writeInbound(compressed("y".repeat(1000)));
		TextWebSocketFrame inflated = channel.readInbound();
		assertThat(inflated.rsv()).isZero();
		assertThat(inflated.text()).isEqualTo("y".repeat(1000));
		inflated.release();
	}

	private static @Nullable String responseTo(String offer) {
		PerMessageDeflate deflate = PerMessageDeflate.negotiate(offer(offer), 1000);
		return (deflate != null) ? deflate.responseHeader() : null;
	}

	private static HttpHeaders offer(String offer) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(PerMessageDeflate.EXTENSIONS_HEADER, offer);
		return headers;
	}

	/** A channel with a stand-in for Netty's frame decoder, and the extension after it. */
	private static EmbeddedChannel channelWith(@Nullable PerMessageDeflate deflate) {
		assertThat(deflate).isNotNull();
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.pipeline().addLast(InboundFrameGuard.FRAME_DECODER, new ChannelInboundHandlerAdapter());
		deflate.install(channel.pipeline());
		return channel;
	}

	/** A text frame of {@code text} as a client compresses it: raw deflate, its final empty block cut. */
	private static TextWebSocketFrame compressed(String text) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int length;
		while ((length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
			out.write(buffer, 0, length);
		}
		deflater.end();
		byte[] bytes = out.toByteArray();
		return new TextWebSocketFrame(true, WebSocketExtension.RSV1,
				Unpooled.wrappedBuffer(Arrays.copyOf(bytes, bytes.length - 4)));
	}

}
