package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Its clients, all on one address, stand for many: no handshake limit per address.
		properties = { "realtime.history.size=1000", "realtime.limits.handshakes-per-second-per-address=0" })
class RealtimeResumeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	@Test
	void resumingReplaysExactlyWhatWasMissedThenGoesLive() {
		String epoch;
		try (TestClient client = TestClient.connect(uri("resumer"))) {
			epoch = client.subscribe("resume-ws").path("result").path("epoch").asString();
			publish("resume-ws", 1, 100);
			assertThat(offsets(client.messages(100))).isEqualTo(range(1, 100));
		}
		publish("resume-ws", 101, 200);
		try (TestClient client = TestClient.connect(uri("resumer"))) {
			JsonNode reply = client.request("{\"type\":\"subscribe\",\"room\":\"resume-ws\",\"since\":{\"offset\":100,"
					+ "\"epoch\":\"" + epoch + "\"}}");
			assertThat(reply.path("result").path("recovered").asBoolean()).isTrue();
			assertThat(reply.path("result").path("offset").asLong()).isEqualTo(200);
			List<JsonNode> replayed = client.messages(100);
			assertThat(offsets(replayed)).isEqualTo(range(101, 200));
			assertThat(replayed.get(0).path("data").asInt()).isEqualTo(101);
			publish("resume-ws", 201, 201);
			assertThat(client.nextMessage().path("offset").asLong()).isEqualTo(201);
			assertThat(client.pollMessage(100_000_000L)).isNull();
		}
	}

	@Test
	void clientsResumingWhilePublishersPublishSeeGaplessDuplicateFreeSequences() throws Exception {
		AtomicBoolean publishing = new AtomicBoolean(true);
		CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
			int i = 0;
			while (publishing.get()) {
				// At most 200/s: a resuming client stays inside the 1,000-publication window even
				// when a loaded machine makes its reconnect take seconds.
				this.hub.publish("busy-resume", Event.message(i++)).block();
				sleep(5);
			}
		});
		// One thread per client: they resume at the same time, not one after another.
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			List<CompletableFuture<List<Long>>> clients = new ArrayList<>();
			for (int c = 0; c < 50; c++) {
				String user = "r" + c;
				clients.add(CompletableFuture.supplyAsync(() -> resumeTwice(user), pool));
			}
			for (CompletableFuture<List<Long>> client : clients) {
				List<Long> offsets = client.get();
				assertThat(offsets).hasSizeGreaterThan(60);
				for (int i = 1; i < offsets.size(); i++) {
					assertThat(offsets.get(i)).as("offset after %d", offsets.get(i - 1))
						.isEqualTo(offsets.get(i - 1) + 1);
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
	void aResumeOlderThanTheWindowOrFromAnotherEpochIsNotRecovered() {
		String epoch;
		try (TestClient client = TestClient.connect(uri("late"))) {
			epoch = client.subscribe("windowed").path("result").path("epoch").asString();
		}
		publish("windowed", 1, 1200);
		try (TestClient client = TestClient.connect(uri("late"))) {
			JsonNode reply = client.request(
					"{\"type\":\"subscribe\",\"room\":\"windowed\",\"since\":{\"offset\":0,\"epoch\":\"" + epoch + "\"}}");
			assertThat(reply.path("result").path("recovered").asBoolean()).isFalse();
			assertThat(offsets(client.messages(1000))).isEqualTo(range(201, 1200));
			JsonNode otherEpoch = client.request(
					"{\"type\":\"subscribe\",\"room\":\"windowed\",\"since\":{\"offset\":5,\"epoch\":\"not-it\"}}");
			assertThat(otherEpoch.path("result").path("recovered").asBoolean()).isFalse();
			assertThat(otherEpoch.path("result").path("offset").asLong()).isEqualTo(1200);
			assertThat(client.pollMessage(100_000_000L)).isNull();
			JsonNode bad = client.request("{\"type\":\"subscribe\",\"room\":\"windowed\",\"since\":{\"offset\":\"x\"}}");
			assertThat(bad.path("code").asString()).isEqualTo("bad_request");
		}
	}

	/** Subscribes, reads, drops the connection, resumes from the last offset, twice over. */
	private List<Long> resumeTwice(String user) {
		List<Long> offsets = new ArrayList<>();
		String since = null;
		for (int round = 0; round < 3; round++) {
			try (TestClient client = TestClient.connect(uri(user))) {
				JsonNode reply = client.request("{\"type\":\"subscribe\",\"room\":\"busy-resume\""
						+ ((since != null) ? ",\"since\":" + since : "") + "}");
				if (since != null) {
					assertThat(reply.path("result").path("recovered").asBoolean()).isTrue();
				}
				for (JsonNode message : client.messages(30)) {
					offsets.add(message.path("offset").asLong());
				}
				since = "{\"offset\":" + offsets.get(offsets.size() - 1) + ",\"epoch\":\""
						+ reply.path("result").path("epoch").asString() + "\"}";
			}
		}
		return offsets;
	}

	private void publish(String room, int from, int to) {
		for (int i = from; i <= to; i++) {
			this.hub.publish(room, Event.message(i)).block();
		}
	}

	private static List<Long> offsets(List<JsonNode> messages) {
		return messages.stream().map((m) -> m.path("offset").asLong()).toList();
	}

	private static List<Long> range(long from, long to) {
		return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
