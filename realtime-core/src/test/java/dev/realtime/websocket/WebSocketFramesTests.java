package dev.realtime.websocket;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketFramesTests {

	@ParameterizedTest
	@ValueSource(ints = { 0, 125, 126, 65_535, 65_536, 200_000 })
	void aTextFrameOfAnyLengthIsReadBackByNettysOwnDecoder(int length) {
		byte[] payload = "x".repeat(length).getBytes(StandardCharsets.UTF_8);
		ByteBuf frame = WebSocketFrames.text(payload);
		int expectedHeader = (length < 126) ? 2 : (length < 65_536) ? 4 : 10;
		assertThat(frame.readableBytes()).isEqualTo(expectedHeader + length);
		assertThat(frame.getByte(0) & 0xFF).isEqualTo(0x81);
		// A client's decoder: unmasked frames, any size.
		EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, Integer.MAX_VALUE));
		client.writeInbound(frame);
		TextWebSocketFrame decoded = client.readInbound();
		try {
			assertThat(decoded.isFinalFragment()).isTrue();
			assertThat(decoded.content().readableBytes()).isEqualTo(length);
			assertThat(decoded.text()).isEqualTo(new String(payload, StandardCharsets.UTF_8));
		}
		finally {
			decoded.release();
			client.finishAndReleaseAll();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 125, 126, 65_535, 65_536 })
	void thePayloadAloneSkipsTheHeaderOfEachLengthClass(int length) {
		ByteBuf frame = WebSocketFrames.text("y".repeat(length));
		ByteBuf payload = WebSocketFrames.payload(frame);
		try {
			assertThat(payload.readableBytes()).isEqualTo(length);
			assertThat(payload.toString(StandardCharsets.UTF_8)).isEqualTo("y".repeat(length));
		}
		finally {
			payload.release();
			frame.release();
		}
	}

	@Test
	void multiByteTextIsFramedByItsUtf8Length() {
		ByteBuf frame = WebSocketFrames.text("é".repeat(100));
		try {
			assertThat(frame.getByte(1)).isEqualTo((byte) 126);
			assertThat(frame.getUnsignedShort(2)).isEqualTo(200);
		}
		finally {
			frame.release();
		}
	}

}
