package dev.realtime.autoconfigure.web;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

import dev.realtime.CloseCodes;
import dev.realtime.RealtimeHub;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.LimitEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compressed messages that inflate past {@code max-frame-size} (64 KB here): they are stopped
 * while they inflate, not after.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "realtime.websocket.compression=true")
class RealtimeDeflateBombIntegrationTests {

	private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void aFrameOf50KilobytesThatInflatesTo50MegabytesIsClosedWith1009WhileTheHeapBarelyMoves() throws Exception {
		byte[] bomb = deflate(ping(50 * 1024 * 1024));
		assertThat(bomb.length).as("on the wire, within max-frame-size").isLessThan(64 * 1024);
		long tooLarge = this.counters.count(LimitEvent.FRAME_TOO_LARGE);
		try (Bystander bystander = Bystander.start(this.hub, this.port, "deflate-bystander");
				RawWebSocketClient attacker = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=bomber",
						DEFLATE)) {
			long allocatedBefore = allocatedBytes();
			// FIN, RSV1 (compressed), text.
			attacker.sendFrame(0xC1, bomb);
			assertThat(attacker.readCloseCode()).isEqualTo(CloseCodes.TOO_BIG);
			// Every byte the JVM allocated meanwhile, this test's threads included: inflating
			// the message whole would have taken 50 MB at least, and as much again to copy it.
			assertThat(allocatedBytes() - allocatedBefore).isLessThan(4L * 1024 * 1024);
			bystander.assertServed();
		}
		assertThat(this.counters.count(LimitEvent.FRAME_TOO_LARGE)).isEqualTo(tooLarge + 1);
	}

	@Test
	void aCompressedMessageInFramesThatEachInflateWithinTheLimitIsLimitedByItsTotal() throws Exception {
		byte[] compressed = deflate(ping(1024 * 1024));
		// 32 frames, each inflating to about 32 KB: each one within the limit, together 1 MB.
		int frames = 32;
		int step = (compressed.length + frames - 1) / frames;
		try (Bystander bystander = Bystander.start(this.hub, this.port, "fragments-bystander");
				RawWebSocketClient attacker = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=fragmenter",
						DEFLATE)) {
			for (int i = 0; i < frames; i++) {
				byte[] part = Arrays.copyOfRange(compressed, i * step, Math.min(compressed.length, (i + 1) * step));
				boolean last = i == frames - 1;
				// The first frame is text with RSV1, the others continuations; FIN on the last.
				int first = ((i == 0) ? 0x41 : 0x00) | (last ? 0x80 : 0);
				attacker.sendFrame(first, part);
			}
			assertThat(attacker.readCloseCode()).isEqualTo(CloseCodes.TOO_BIG);
			bystander.assertServed();
		}
	}

	@Test
	void aCompressedMessageWithinTheLimitIsAnswered() throws Exception {
		String ref = "y".repeat(60 * 1024);
		try (RawWebSocketClient client = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=squeezer",
				DEFLATE)) {
			client.sendFrame(0xC1, deflate(("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}")));
			RawWebSocketClient.Frame pong = client.readFrame();
			assertThat(pong.opcode()).isEqualTo(0x1);
			assertThat(inflate(pong.payload())).contains(ref);
		}
	}

	/** A {@code ping} of about {@code size} bytes, made of one repeated letter. */
	private static String ping(int size) {
		return "{\"type\":\"ping\",\"ref\":\"" + "x".repeat(size) + "\"}";
	}

	/** {@code text} compressed as permessage-deflate sends it: raw deflate, without the final empty block. */
	private static byte[] deflate(String text) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		int length;
		while ((length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
			out.write(buffer, 0, length);
		}
		deflater.end();
		byte[] bytes = out.toByteArray();
		return Arrays.copyOf(bytes, bytes.length - 4);
	}

	private static String inflate(byte[] compressed) throws Exception {
		java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
		byte[] input = Arrays.copyOf(compressed, compressed.length + 4);
		input[input.length - 2] = (byte) 0xFF;
		input[input.length - 1] = (byte) 0xFF;
		inflater.setInput(input);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		int length;
		while ((length = inflater.inflate(buffer)) > 0) {
			out.write(buffer, 0, length);
		}
		inflater.end();
		return out.toString(StandardCharsets.UTF_8);
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
	}

}
