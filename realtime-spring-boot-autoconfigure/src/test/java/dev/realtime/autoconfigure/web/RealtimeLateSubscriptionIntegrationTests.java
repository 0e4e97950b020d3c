package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import dev.realtime.broker.Broker;
import dev.realtime.broker.HistoryLimits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume against a broker that confirms subscriptions 200 ms late, as Redis does, while a
 * publisher publishes without pause: the hub must wait for the subscription to be live before it
 * reads history, or what is published in between is lost.
 */
@SpringBootTest(classes = { TestApplication.class, RealtimeLateSubscriptionIntegrationTests.LateBroker.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.limits.max-connections-per-user=100", "realtime.history.size=10000",
				"realtime.history.max-replay=10000" })
class RealtimeLateSubscriptionIntegrationTests {

	private static final int CLIENTS = 50;

	private static final int ROOMS = 10;

	private static final int RECEIVED = 60;

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void fiftyClientsResumingThroughALateBrokerEachSeeAGaplessDuplicateFreeSequence() throws Exception {
		AtomicReferenceArray<Publication> latest = new AtomicReferenceArray<>(ROOMS);
		for (int r = 0; r < ROOMS; r++) {
			latest.set(r, this.hub.publish("late-" + r, Event.message(0)).block());
		}
		AtomicBoolean publishing = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
			for (int i = 1; publishing.get(); i++) {
				latest.set(i % ROOMS, this.hub.publish("late-" + (i % ROOMS), Event.message(i)).block());
				LockSupport.parkNanos(200_000);
			}
		}, pool);
		try {
			List<CompletableFuture<Void>> clients = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				// Each resumes from where its room just was: the replay is short, and the seam
				// between it and live publications falls within what the client checks.
				clients.add(CompletableFuture.runAsync(() -> resumeAndCheck(client, latest.get(client % ROOMS)), pool));
			}
			CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
		}
		finally {
			publishing.set(false);
			publisher.get();
			pool.shutdownNow();
		}
	}

	private void resumeAndCheck(int client, Publication since) {
		String room = since.room();
		try (TestClient resumer = TestClient
			.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=late" + client))) {
			JsonNode reply = resumer.request("{\"type\":\"subscribe\",\"room\":\"" + room + "\",\"since\":{\"offset\":"
					+ since.offset() + ",\"epoch\":\"" + since.epoch() + "\"}}");
			assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
			assertThat(reply.path("result").path("recovered").asBoolean()).isTrue();
			long expected = since.offset() + 1;
			for (JsonNode message : resumer.messages(RECEIVED)) {
				assertThat(message.path("room").asString()).isEqualTo(room);
				assertThat(message.path("offset").asLong()).as("client %d, room %s", client, room).isEqualTo(expected++);
			}
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LateBroker {

		@Bean
		Broker lateBroker() {
			return new DelayedSubscriptionBroker(HistoryLimits.of(10_000, Duration.ofMinutes(1)),
					Duration.ofMillis(200));
		}

	}

}
