package dev.realtime.autoconfigure.web;

import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.redis.RedisServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
/**
 * A rolling deploy as clients live it: a node with 2,000 subscribed clients (20 rooms) stops
 * while another node's publisher goes on. The stopping node turns not-ready and refuses
 * handshakes with 503, closes its clients with 1001 in batches spread over the drain period,
 * and exits within the timeout; each client resumes on the other node with no gap and no
 * duplicate.
 */
class RealtimeDrainIntegrationTests {

	private static final int CLIENTS = 2_000;

	private static final int ROOMS = 20;

	private static final Duration DRAIN_PERIOD = Duration.ofSeconds(3);

	private RedisServer redis;

	private RedisNodes nodes;

	@BeforeEach
	void start() {
		this.redis = RedisServer.start();
		this.nodes = RedisNodes.start(2, this.redis, "realtime.shutdown.drain-period=" + DRAIN_PERIOD.toMillis() + "ms",
				"realtime.shutdown.timeout=10s", "realtime.limits.max-connections-per-user=-1",
				// Reconnecting 2,000 clients one after the other may outlast the default window.
				"realtime.history.size=5000", "realtime.history.max-replay=5000",
				"management.endpoints.web.exposure.include=health", "management.endpoint.health.probes.enabled=true");
	}

	@AfterEach
	void stop() {
		this.nodes.close();
		this.redis.close();
	}

	@Test
	void aStoppingNodeDrainsInBatchesAndItsClientsResumeOnAnotherWithoutLoss() throws Exception {
		int port = this.nodes.port(0);
		// Per client: where it stands in its room, then every offset it received, in order.
		List<List<Long>> offsets = new ArrayList<>();
		String[] epochs = new String[ROOMS];
		for (int i = 0; i < CLIENTS; i++) {
			offsets.add(new ArrayList<>());
		}
		List<TestClient> clients = inParallel((i) -> {
			TestClient client = TestClient.connect(this.nodes.ws(0, "u" + i));
			JsonNode position = client.subscribe(room(i)).path("result");
			epochs[i % ROOMS] = position.path("epoch").asString();
			offsets.get(i).add(position.path("offset").asLong());
			return client;
		});
		Counter drained = this.nodes.bean(0, MeterRegistry.class).counter("realtime.shutdown.drained");
		ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
		// 20 publications a second in every room, from the node that stays.
		publisher.scheduleAtFixedRate(() -> {
			for (int r = 0; r < ROOMS; r++) {
				this.nodes.hub(1).publish("drain-" + r, Event.message(r)).block();
			}
		}, 0, 50, TimeUnit.MILLISECONDS);
		List<TestClient> resumed = new ArrayList<>();
		try {
			long stopping = System.nanoTime();
			// On a thread of its own: the common pool may have a single busy thread on 2 cores.
			CompletableFuture<Void> stopped = new CompletableFuture<>();
			new Thread(() -> {
				this.nodes.stop(0);
				stopped.complete(null);
			}, "stopping node 0").start();
			// While it drains: not ready, and no new client.
			List<String> readiness = new ArrayList<>();
			while (readiness.isEmpty() || !readiness.get(readiness.size() - 1).startsWith("503")) {
				assertThat(System.nanoTime() - stopping).as("readiness %s", readiness)
					.isLessThan(DRAIN_PERIOD.dividedBy(2).toNanos());
				readiness.add(status(port, "/actuator/health/readiness") + " at "
						+ Duration.ofNanos(System.nanoTime() - stopping).toMillis() + "ms");
				Thread.sleep(50);
			}
			try (RawWebSocketClient late = RawWebSocketClient.open(port, "/realtime/ws?user=late")) {
				assertThat(late.status()).isEqualTo(503);
				assertThat(late.head()).containsIgnoringCase("Retry-After: ");
			}
			stopped.get(10, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
			for (TestClient client : clients) {
				assertThat(client.closeStatus().code()).isEqualTo(CloseCodes.GOING_AWAY);
			}
			assertSpread(clients, stopping);
			assertThat(drained.count()).isEqualTo(CLIENTS);

			// Each client resumes on the other node from the last publication it got.
			resumed.addAll(inParallel((i) -> {
				List<Long> seen = offsets.get(i);
				clients.get(i).takeOffsets(seen);
				TestClient again = TestClient.connect(this.nodes.ws(1, "u" + i));
				JsonNode reply = again.request("{\"type\":\"subscribe\",\"room\":\"" + room(i)
						+ "\",\"since\":{\"offset\":" + seen.get(seen.size() - 1) + ",\"epoch\":\"" + epochs[i % ROOMS]
						+ "\"}}");
				assertThat(reply.path("result").path("recovered").asBoolean()).as(reply.toString()).isTrue();
				return again;
			}));
			publisher.shutdown();
			assertThat(publisher.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
			long[] last = new long[ROOMS];
			for (int r = 0; r < ROOMS; r++) {
				last[r] = this.nodes.hub(1).publish("drain-" + r, Event.message("last")).block().position().offset();
			}
			for (int i = 0; i < CLIENTS; i++) {
				List<Long> seen = offsets.get(i);
				TestClient client = resumed.get(i);
				long end = last[i % ROOMS];
				client.takeOffsetsThrough(seen, end);
				assertThat(seen).as("client %d: gapless and duplicate-free", i)
					.isEqualTo(TestClient.offsets(seen.get(0), end));
			}
		}
		finally {
			publisher.shutdownNow();
			resumed.forEach(TestClient::close);
			clients.forEach(TestClient::close);
		}
	}

	/** {@code task} for every client, 16 at a time: one after the other, 2,000 take long. */
	private static List<TestClient> inParallel(IntFunction<TestClient> task) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Future<TestClient>> done = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				int client = i;
				done.add(threads.submit(() -> task.apply(client)));
			}
			List<TestClient> clients = new ArrayList<>();
			for (Future<TestClient> future : done) {
				clients.add(future.get());
			}
			return clients;
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Not all at once: the closes span most of the drain period, and no half-second holds most. */
	private static void assertSpread(List<TestClient> clients, long stopping) {
		List<Long> at = clients.stream().map((client) -> client.closedAtNanos() - stopping).sorted().toList();
		Duration span = Duration.ofNanos(at.get(at.size() - 1) - at.get(0));
		assertThat(span).isGreaterThan(DRAIN_PERIOD.multipliedBy(3).dividedBy(4));
		long firstHalfSecond = at.stream().filter((nanos) -> nanos - at.get(0) < 500_000_000L).count();
		assertThat(firstHalfSecond).isLessThan(CLIENTS / 2);
	}

	private static String room(int client) {
		return "drain-" + (client % ROOMS);
	}

	private static int status(int port, String path) throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
			.openConnection();
		try {
			return connection.getResponseCode();
		}
		finally {
			connection.disconnect();
		}
	}

}
