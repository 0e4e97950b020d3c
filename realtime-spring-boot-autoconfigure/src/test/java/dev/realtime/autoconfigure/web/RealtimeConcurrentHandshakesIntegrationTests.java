package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.realtime.security.ConcurrentHandshakes;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code max-concurrent-handshakes}: while as many handshakes as allowed are being
 * authenticated, the next one, WebSocket or SSE, is refused at once with 503 and
 * {@code Retry-After: 1}, and the client configuration says the same to browsers, which cannot
 * read a refused handshake; once they are through, handshakes are let in again.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "realtime.limits.max-concurrent-handshakes=2")
class RealtimeConcurrentHandshakesIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConcurrentHandshakes handshakes;

	@Autowired
	private MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	/** A thread each: the common pool may have a single one on 2 cores. */
	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@Test
	void handshakesPastTheLimitAreRefusedAtOnceWith503AndRetryAfterUntilThoseInProgressEnd() throws Exception {
		// Two handshakes whose authentication takes 2 seconds hold both places.
		CompletableFuture<RawWebSocketClient> slow1 = slowHandshake("slow1");
		CompletableFuture<RawWebSocketClient> slow2 = slowHandshake("slow2");
		await().until(() -> this.handshakes.inProgress() == 2);

		long sent = System.nanoTime();
		try (RawWebSocketClient refused = RawWebSocketClient.open(this.port, "/realtime/ws?user=storm")) {
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).as("refused at once, in ms")
				.isLessThan(1000);
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.head()).containsIgnoringCase("Retry-After: 1\r\n");
		}
		HttpResponse<String> sse = get("/realtime/sse?user=storm&room=news");
		assertThat(sse.statusCode()).isEqualTo(503);
		assertThat(sse.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(this.meters.get("realtime.limits").tag("event", "handshake.concurrent").functionCounter().count())
			.as("refusals counted: the WebSocket and the SSE handshake").isEqualTo(2);
		HttpResponse<String> config = get("/realtime/config");
		assertThat(config.statusCode()).isEqualTo(503);
		assertThat(config.headers().firstValue("Retry-After")).hasValue("1");

		try (RawWebSocketClient first = slow1.get(10, TimeUnit.SECONDS);
				RawWebSocketClient second = slow2.get(10, TimeUnit.SECONDS)) {
			assertThat(first.status()).isEqualTo(101);
			assertThat(second.status()).isEqualTo(101);
			assertThat(this.handshakes.inProgress()).isZero();
			assertThat(get("/realtime/config").statusCode()).isEqualTo(200);
			try (RawWebSocketClient after = RawWebSocketClient.open(this.port, "/realtime/ws?user=after")) {
				assertThat(after.status()).isEqualTo(101);
			}
		}
	}

	private CompletableFuture<RawWebSocketClient> slowHandshake(String user) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return RawWebSocketClient.open(this.port, "/realtime/ws?user=" + user + "&lookup=2000");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, this.threads);
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
