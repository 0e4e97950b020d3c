package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Messages larger than {@code max-frame-size} (the default, 64 KB), whole or in fragments: the
 * client reads 1009, whatever it still had in flight.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeOversizeMessageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LimitCounters counters;

	@Test
	void aMessageOf1MegabyteIn16KilobyteFragmentsIsClosedWith1009() throws Exception {
		long tooLarge = this.counters.count(LimitEvent.FRAME_TOO_LARGE);
		byte[] fragment = "x".repeat(16 * 1024).getBytes();
		try (Bystander bystander = Bystander.start(this.hub, this.port, "fragments-bystander");
				RawWebSocketClient attacker = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=fragmenter")) {
			for (int i = 0; i < 64; i++) {
				// Text without FIN first, then continuations; FIN on the last.
				attacker.sendFrame(((i == 0) ? 0x01 : 0x00) | ((i == 63) ? 0x80 : 0), fragment);
			}
			assertThat(attacker.readCloseCode()).isEqualTo(CloseCodes.TOO_BIG);
			bystander.assertServed();
		}
		assertThat(this.counters.count(LimitEvent.FRAME_TOO_LARGE)).isEqualTo(tooLarge + 1);
	}

	@Test
	void theJdkClientSending4MegabytesInOneFrameReadsTheCloseCode1009() throws Exception {
		CompletableFuture<Integer> closeCode = new CompletableFuture<>();
		WebSocket.Listener listener = new WebSocket.Listener() {

			@Override
			public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
				closeCode.complete(statusCode);
				return null;
			}

			@Override
			public void onError(WebSocket webSocket, Throwable error) {
				closeCode.completeExceptionally(error);
			}

		};
		try (Bystander bystander = Bystander.start(this.hub, this.port, "jdk-bystander")) {
			WebSocket webSocket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=jdk"), listener)
				.get(10, TimeUnit.SECONDS);
			// The whole frame goes out: the server read it, rather than reset the connection under it.
			webSocket.sendBinary(ByteBuffer.wrap(new byte[4 * 1024 * 1024]), true).get(10, TimeUnit.SECONDS);
			assertThat(closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(CloseCodes.TOO_BIG);
			bystander.assertServed();
		}
	}

	@Test
	void aClientThatWrites4MegabytesInOneFrameBeforeItReadsFinishesWritingAndReadsTheCloseCode1009()
			throws Exception {
		long tooLarge = this.counters.count(LimitEvent.FRAME_TOO_LARGE);
		try (Bystander bystander = Bystander.start(this.hub, this.port, "writer-bystander");
				RawWebSocketClient attacker = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=writer")) {
			// A reset would fail this write, and the read after it.
			attacker.sendFrame(0x82, new byte[4 * 1024 * 1024]);
			assertThat(attacker.readCloseCode()).isEqualTo(CloseCodes.TOO_BIG);
			bystander.assertServed();
		}
		assertThat(this.counters.count(LimitEvent.FRAME_TOO_LARGE)).isEqualTo(tooLarge + 1);
	}

	@Test
	void aClientThatKeepsSendingAfterTheCloseIsCutOffAfterMaxSwallowSize() throws Exception {
		AtomicInteger closeCode = new AtomicInteger();
		long written = 0;
		long start = System.nanoTime();
		try (Bystander bystander = Bystander.start(this.hub, this.port, "swallow-bystander");
				RawWebSocketClient attacker = RawWebSocketClient.upgrade(this.port, "/realtime/ws?user=firehose")) {
			Thread reader = new Thread(() -> {
				try {
					closeCode.set(attacker.readCloseCode());
				}
				catch (IOException ex) {
					closeCode.set(-2);
				}
			});
			reader.start();
			// A frame that says it is 1 GB long, then its bytes for as long as the server takes them.
			byte[] header = { (byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0x40, 0, 0, 0, 1, 2, 3, 4 };
			OutputStream out = attacker.output();
			out.write(header);
			byte[] chunk = new byte[64 * 1024];
			try {
				while (written < 1024L * 1024 * 1024) {
					out.write(chunk);
					written += chunk.length;
				}
			}
			catch (IOException ex) {
				// The server dropped the socket.
			}
			reader.join(10_000);
			bystander.assertServed();
		}
		// The server read at least the 8 MB it swallows, and at most that plus what the socket
		// buffers of both ends hold: neither reset at once nor drained for as long as it came.
		assertThat(written).isGreaterThan(8L * 1024 * 1024).isLessThan(40L * 1024 * 1024);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(closeCode.get()).isEqualTo(CloseCodes.TOO_BIG);
	}

}
