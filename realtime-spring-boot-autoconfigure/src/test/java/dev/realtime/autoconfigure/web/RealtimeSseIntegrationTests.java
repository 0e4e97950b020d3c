package dev.realtime.autoconfigure.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.sse.heartbeat-interval=200ms", "realtime.sse.retry=2s",
				// A window no reconnect on a loaded 2-core machine outlasts: the seam is under test.
				"realtime.history.size=100000", "realtime.history.max-replay=100000" })
class RealtimeSseIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	URI uri(String query) {
		return URI.create("http://localhost:" + this.port + "/realtime/sse?" + query);
	}

	@Test
	void aDroppedStreamResumesWithLastEventIdWithExactlyWhatItMissedThenLive() throws Exception {
		String lastId;
		try (SseTestClient stream = SseTestClient.connect(uri("room=sse-a&user=reader"), null)) {
			assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/event-stream"));
			SseTestClient.Event subscribed = stream.next("subscribed");
			assertThat(subscribed.json().path("room").asString()).isEqualTo("sse-a");
			assertThat(subscribed.json().has("recovered")).isFalse();
			publish("sse-a", 1, 100);
			List<SseTestClient.Event> first = stream.messages(100);
			assertThat(offsets(first)).isEqualTo(range(1, 100));
			lastId = first.get(99).id();
		}
		publish("sse-a", 101, 200);
		try (SseTestClient stream = SseTestClient.connect(uri("room=sse-a&user=reader"), lastId)) {
			assertThat(stream.next("subscribed").json().path("recovered").asBoolean()).isTrue();
			List<SseTestClient.Event> missed = stream.messages(100);
			assertThat(offsets(missed)).isEqualTo(range(101, 200));
			assertThat(missed.get(0).json().path("data").asInt()).isEqualTo(101);
			publish("sse-a", 201, 201);
			assertThat(stream.next("message").json().path("offset").asLong()).isEqualTo(201);
			assertThat(stream.poll(150)).matches((e) -> e == null || !"message".equals(e.name()));
		}
	}

	@Test
	void oneLastEventIdResumesEveryRoomOfTheStream() throws Exception {
		String lastId;
		try (SseTestClient stream = SseTestClient.connect(uri("room=multi-a&room=multi-b"), null)) {
			stream.next("subscribed");
			lastId = stream.next("subscribed").id();
			publish("multi-a", 1, 3);
			publish("multi-b", 1, 2);
			List<SseTestClient.Event> seen = stream.messages(5);
			lastId = seen.get(4).id();
		}
		// One compact entry per room, in the order the URL names them.
		assertThat(lastId).matches("[0-9a-z]+-[0-9a-z]+\\.[0-9a-z]+-[0-9a-z]+");
		publish("multi-a", 4, 5);
		publish("multi-b", 3, 3);
		try (SseTestClient stream = SseTestClient.connect(uri("room=multi-a&room=multi-b"), lastId)) {
			assertThat(stream.next("subscribed").json().path("recovered").asBoolean()).isTrue();
			List<SseTestClient.Event> missed = stream.messages(3);
			assertThat(missed).extracting((e) -> e.json().path("room").asString() + "@" + e.json().path("offset"))
				.containsExactly("multi-a@4", "multi-a@5", "multi-b@3");
		}
	}

	@Test
	void aResumeFromAnotherEpochSaysItWasNotRecovered() throws Exception {
		publish("sse-epoch", 1, 3);
		try (SseTestClient stream = SseTestClient.connect(uri("room=sse-epoch"), "sse-epoch gone 2")) {
			SseTestClient.Event subscribed = stream.next("subscribed");
			assertThat(subscribed.json().path("recovered").asBoolean()).isFalse();
			assertThat(subscribed.json().path("offset").asLong()).isEqualTo(3);
		}
	}

	@Test
	void clientsResumingWhileAPublisherPublishesSeeGaplessDuplicateFreeSequences() throws Exception {
		AtomicBoolean publishing = new AtomicBoolean(true);
		CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
			int i = 0;
			while (publishing.get()) {
				this.hub.publish("sse-busy", Event.message(i++)).block();
				sleepQuietly(1);
			}
		});
		// One thread per client: they resume at the same time, not one after another.
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			List<CompletableFuture<List<Long>>> clients = new ArrayList<>();
			for (int c = 0; c < 50; c++) {
				clients.add(CompletableFuture.supplyAsync(this::resumeTwice, pool));
			}
			for (CompletableFuture<List<Long>> client : clients) {
				List<Long> offsets = client.get();
				assertThat(offsets).hasSize(60);
				for (int i = 1; i < offsets.size(); i++) {
					assertThat(offsets.get(i)).isEqualTo(offsets.get(i - 1) + 1);
				}
			}
		}
		finally {
			publishing.set(false);
			publisher.get();
			pool.shutdownNow();
		}
	}

	@Test
	void theRawStreamIsValidEventStream() throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /realtime/sse?room=raw HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().until(() -> this.hub.room("raw").size() == 1);
			this.hub.publish("raw", Event.message("line one\nline two")).block();
			String raw = readFor(socket.getInputStream(), 700);
			String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
			assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/event-stream")
				.containsIgnoringCase("cache-control: no-cache");
			String body = dechunk(raw.substring(raw.indexOf("\r\n\r\n") + 4));
			assertThat(body).doesNotContain("\r");
			assertThat(body).startsWith("retry: 2000\n\n");
			assertThat(body).contains(": heartbeat\n\n");
			List<String> events = List.of(body.split("\n\n"));
			for (String event : events) {
				for (String line : event.split("\n")) {
					assertThat(line).matches("(retry: \\d+|id: .+|event: \\S+|data: .*|: heartbeat)");
					if (line.startsWith("data: ")) {
						SseTestClient.Event parsed = new SseTestClient.Event(null, null, line.substring(6));
						assertThat(parsed.json().isObject()).as(line).isTrue();
					}
				}
			}
			assertThat(body).contains("event: message\ndata: {\"type\":\"message\",\"room\":\"raw\",\"offset\":1")
				.contains("\"data\":\"line one\\nline two\"");
			assertThat(body).containsPattern("id: 1-\\w{1,6}\nevent: message\n");
		}
	}

	@Test
	void badRequestsAreRefusedWithTheirStatus() throws Exception {
		assertThat(SseTestClient.status(uri("user=reject&room=a"), "GET")).isEqualTo(401);
		assertThat(SseTestClient.status(uri("user=u1&room=user:u2"), "GET")).isEqualTo(403);
		assertThat(SseTestClient.status(uri("user=u1"), "GET")).isEqualTo(400);
		assertThat(SseTestClient.status(uri("room=bad%20room"), "GET")).isEqualTo(400);
		assertThat(SseTestClient.status(uri("room=a"), "POST")).isEqualTo(405);
	}

	@Test
	void aUserReceivesWhatIsSentToThemOnTheirPersonalRoom() throws Exception {
		try (SseTestClient stream = SseTestClient.connect(uri("user=u7&room=user:u7"), null)) {
			stream.next("subscribed");
			this.hub.sendToUser("u7", Event.notification("hi", null)).block();
			SseTestClient.Event notification = stream.next("notification");
			assertThat(notification.json().path("data").path("title").asString()).isEqualTo("hi");
		}
		await().until(() -> this.hub.connections().stream().noneMatch((c) -> "u7".equals(c.userId())));
	}

	private List<Long> resumeTwice() {
		List<Long> offsets = new ArrayList<>();
		String lastId = null;
		try {
			for (int round = 0; round < 3; round++) {
				try (SseTestClient stream = SseTestClient.connect(uri("room=sse-busy"), lastId)) {
					SseTestClient.Event subscribed = stream.next("subscribed");
					if (lastId != null) {
						assertThat(subscribed.json().path("recovered").asBoolean()).as("resume from %s: %s", lastId, subscribed)
							.isTrue();
					}
					for (SseTestClient.Event message : stream.messages(20)) {
						offsets.add(message.json().path("offset").asLong());
						lastId = message.id();
					}
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return offsets;
	}

	private void publish(String room, int from, int to) {
		for (int i = from; i <= to; i++) {
			this.hub.publish(room, Event.message(i)).block();
		}
	}

	private static List<Long> offsets(List<SseTestClient.Event> events) {
		return events.stream().map((e) -> e.json().path("offset").asLong()).toList();
	}

	private static List<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

	private static String readFor(InputStream in, long millis) throws Exception {
		StringBuilder raw = new StringBuilder();
		long deadline = System.currentTimeMillis() + millis;
		byte[] buffer = new byte[8192];
		while (System.currentTimeMillis() < deadline) {
			if (in.available() > 0) {
				int read = in.read(buffer);
				raw.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
			}
			else {
				Thread.sleep(10);
			}
		}
		return raw.toString();
	}

	/** The payload of an HTTP/1.1 chunked body (its last chunk may still be open). */
	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			body.append(chunked, lineEnd + 2, Math.min(lineEnd + 2 + size, chunked.length()));
			at = lineEnd + 2 + size + 2;
		}
		return body.toString();
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
