package dev.realtime.autoconfigure.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.realtime.Event;
import dev.realtime.StreamPosition;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.redis.RedisServer;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
/**
 * A reconnect storm on a node that stays up: 5,000 clients (of a node that died, say) connect
 * and resume at the same moment while a publisher goes on in their 50 rooms. The node lets 2
 * handshakes be checked at a time (fewer than its event loops take at once) and refuses the
 * rest at once with 503 and {@code Retry-After}; the clients wait that long plus a random
 * jitter, as the JS client does. Every client gets in, each replays exactly what it missed then
 * the live publications, and an unrelated client's pings are answered throughout. The node runs
 * in a JVM of its own and the pinging client in another, so that neither shares the heap and
 * threads of the test's 5,000 clients; they still share the machine's cores, ahead of the
 * clients where the OS lets them (see {@link TestJvm}). The node has served 2,000 clients before
 * the storm, as a node that stays up has: its code is compiled when the storm comes. It runs on
 * ZGC, as the README recommends for nodes that must stay responsive (see {@link NodeProcess}),
 * and the test JVM holds nothing else: the build runs it in a surefire execution of its own.
 */
@Tag("storm")
class RealtimeReconnectStormIntegrationTests {

	private static final int CLIENTS = 5_000;

	private static final int ROOMS = 50;

	/** Clients that come and go before the storm. */
	private static final int WARM_UP = 2_000;

	/** Publications per room between the clients' last message and the storm. */
	private static final int MISSED = 20;

	private RedisServer redis;

	/** The publisher's node, in this JVM. */
	private RedisNodes publisher;

	/** The node the clients come back to, in a JVM of its own: the test's 5,000 clients do not share its heap. */
	private NodeProcess node;

	@BeforeEach
	void start() throws Exception {
		this.redis = RedisServer.start();
		this.publisher = RedisNodes.start(1, this.redis);
		this.node = NodeProcess.start(this.publisher, "realtime.limits.max-concurrent-handshakes=2",
				"realtime.limits.max-concurrent-replays=16", "realtime.limits.max-connections-per-user=-1",
				"management.endpoints.web.exposure.include=realtime",
				// Join and leave frames cost members² deliveries per room in a storm: measured apart.
				"realtime.presence.join-leave-rooms=");
	}

	@AfterEach
	void stop() throws Exception {
		this.node.close();
		this.publisher.close();
		this.redis.close();
	}

	@Test
	void fiveThousandClientsResumingAtOnceAllGetInWithoutLossWhileTheNodeStaysResponsive() throws Exception {
		DefaultRealtimeHub hub = this.publisher.hub(0);
		StreamPosition[] lastSeen = new StreamPosition[ROOMS];
		for (int r = 0; r < ROOMS; r++) {
			lastSeen[r] = hub.publish(room(r), Event.message("seen")).block().position();
			for (int i = 0; i < MISSED; i++) {
				hub.publish(room(r), Event.message("missed")).block();
			}
		}
		ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);
		warmUp(retries, lastSeen);
		PingProcess pinger = PingProcess.start(this.node.ws("watcher"));
		ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
		// A publication a second in every room while the clients come back.
		publisher.scheduleAtFixedRate(() -> {
			for (int r = 0; r < ROOMS; r++) {
				hub.publish(room(r), Event.message("live")).block();
			}
		}, 0, 1000, TimeUnit.MILLISECONDS);
		AtomicReferenceArray<TestClient> clients = new AtomicReferenceArray<>(CLIENTS);
		Queue<String> retryAfters = new ConcurrentLinkedQueue<>();
		AtomicInteger otherFailures = new AtomicInteger();
		AtomicInteger unavailable = new AtomicInteger();
		CountDownLatch allIn = new CountDownLatch(CLIENTS);
		Storm storm = new Storm("s", clients, retries, retryAfters, otherFailures, allIn, lastSeen);
		try {
			long started = System.nanoTime();
			for (int i = 0; i < CLIENTS; i++) {
				storm.attempt(i);
			}
			assertThat(allIn.await(120, TimeUnit.SECONDS)).as("%d clients still out", allIn.getCount()).isTrue();
			Duration allInAfter = Duration.ofNanos(System.nanoTime() - started);
			publisher.shutdown();
			assertThat(publisher.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
			List<Long> pings = pinger.stop();

			long[] last = new long[ROOMS];
			for (int r = 0; r < ROOMS; r++) {
				last[r] = hub.publish(room(r), Event.message("last")).block().position().offset();
			}
			for (int i = 0; i < CLIENTS; i++) {
				TestClient client = clients.get(i);
				// A node short of time for Redis answers "unavailable, retry later": the client does.
				JsonNode reply = resumed(client, i);
				while ("unavailable".equals(reply.path("code").asString(""))) {
					unavailable.incrementAndGet();
					storm.resume(i, client);
					reply = resumed(client, i);
				}
				assertThat(reply.path("result").path("recovered").asBoolean()).as(reply.toString()).isTrue();
				List<Long> seen = new ArrayList<>();
				long end = last[i % ROOMS];
				client.takeOffsetsThrough(seen, end);
				long first = lastSeen[i % ROOMS].offset() + 1;
				assertThat(seen).as("client %d: gapless and duplicate-free from what it missed", i)
					.isEqualTo(TestClient.offsets(first, end));
			}

			assertThat(retryAfters).as("handshakes refused for the storm").isNotEmpty().containsOnly("1");
			List<Long> sorted = pings.stream().sorted().toList();
			long p50 = sorted.get(sorted.size() / 2);
			long p99 = sorted.get((int) (sorted.size() * 0.99));
			long max = sorted.get(sorted.size() - 1);
			System.out.printf("Reconnect storm: %d clients in after %d ms, %d handshakes refused with 503 "
					+ "(%d other failures retried), %d resumes retried after unavailable, %d pings answered: "
					+ "p50 %d ms, p99 %d ms, max %d ms%n", CLIENTS, allInAfter.toMillis(), retryAfters.size(),
					otherFailures.get(), unavailable.get(), sorted.size(), p50, p99, max);
			assertThat(sorted).hasSizeGreaterThan(10);
			// The target is every ping within 100 ms, which the node on ZGC meets when the test
			// runs alone (slowest 32-92 ms). Asserted with room for a machine whose 2 cores the
			// rest of a suite may still be busy on: 99 in 100 within it, none stalled.
			assertThat(p50).as("median ping, in ms").isLessThan(50);
			assertThat(p99).as("99th percentile ping, in ms").isLessThan(100);
			assertThat(max).as("slowest ping, in ms").isLessThan(500);
		}
		finally {
			pinger.close();
			publisher.shutdownNow();
			retries.shutdownNow();
			for (int i = 0; i < CLIENTS; i++) {
				TestClient client = clients.get(i);
				if (client != null) {
					client.close();
				}
			}
		}
	}

	/**
	 * The node clients come back to has served for a while: its code is compiled. A node just
	 * started compiles it during the storm instead, which on 2 cores takes most of the node's
	 * CPU for the storm's first half minute.
	 */
	private void warmUp(ScheduledExecutorService retries, StreamPosition[] lastSeen) throws Exception {
		AtomicReferenceArray<TestClient> clients = new AtomicReferenceArray<>(WARM_UP);
		CountDownLatch in = new CountDownLatch(WARM_UP);
		Storm storm = new Storm("w", clients, retries, new ConcurrentLinkedQueue<>(), new AtomicInteger(), in,
				lastSeen);
		for (int i = 0; i < WARM_UP; i++) {
			storm.attempt(i);
		}
		assertThat(in.await(120, TimeUnit.SECONDS)).as("%d warm-up clients still out", in.getCount()).isTrue();
		for (int i = 0; i < WARM_UP; i++) {
			TestClient client = clients.get(i);
			resumed(client, i);
			client.close();
		}
	}

	private static String room(int r) {
		return "storm-" + r;
	}

	/** The answer to client {@code i}'s resume: its reply, or an error. */
	private JsonNode resumed(TestClient client, int i) {
		return client.await((frame) -> "resume".equals(frame.path("ref").asString("")), Duration.ofSeconds(10),
				() -> "client " + i + ", open: " + client.isOpen());
	}

	/** The clients' side: connect, resume from where each stood; refused, wait as told, plus jitter. */
	private final class Storm {

		/** What the clients' user names start with. */
		private final String users;

		private final AtomicReferenceArray<TestClient> clients;

		private final ScheduledExecutorService retries;

		private final Queue<String> retryAfters;

		private final AtomicInteger otherFailures;

		private final CountDownLatch allIn;

		private final StreamPosition[] lastSeen;

		Storm(String users, AtomicReferenceArray<TestClient> clients, ScheduledExecutorService retries,
				Queue<String> retryAfters, AtomicInteger otherFailures, CountDownLatch allIn,
				StreamPosition[] lastSeen) {
			this.users = users;
			this.clients = clients;
			this.retries = retries;
			this.retryAfters = retryAfters;
			this.otherFailures = otherFailures;
			this.allIn = allIn;
			this.lastSeen = lastSeen;
		}

		void attempt(int i) {
			TestClient.connecting(RealtimeReconnectStormIntegrationTests.this.node.ws(this.users + i))
				.subscribe((client) -> connected(i, client), (ex) -> refused(i, ex));
		}

		private void connected(int i, TestClient client) {
			this.clients.set(i, client);
			resume(i, client);
			this.allIn.countDown();
		}

		/** Subscribes to the client's room again from where it stood. */
		void resume(int i, TestClient client) {
			StreamPosition since = this.lastSeen[i % ROOMS];
			client.send("{\"type\":\"subscribe\",\"room\":\"" + room(i % ROOMS) + "\",\"since\":{\"offset\":"
					+ since.offset() + ",\"epoch\":\"" + since.epoch() + "\"},\"ref\":\"resume\"}");
		}

		private void refused(int i, Throwable ex) {
			long wait = 0;
			if (ex instanceof WebSocketClientHandshakeException refusal && refusal.response() != null
					&& refusal.response().status().code() == 503) {
				String retryAfter = refusal.response().headers().get("Retry-After");
				this.retryAfters.add(String.valueOf(retryAfter));
				wait = Long.parseLong(retryAfter) * 1000;
			}
			else {
				this.otherFailures.incrementAndGet();
			}
			this.retries.schedule(() -> attempt(i), wait + ThreadLocalRandom.current().nextLong(1000),
					TimeUnit.MILLISECONDS);
		}

	}

}
