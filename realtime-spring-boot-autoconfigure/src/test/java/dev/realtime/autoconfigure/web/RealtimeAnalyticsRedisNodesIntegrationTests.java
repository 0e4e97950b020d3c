package dev.realtime.autoconfigure.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.analytics.AnalyticsEvent;
import dev.realtime.analytics.AnalyticsSnapshot;
import dev.realtime.analytics.LiveAnalytics;
import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one Redis count as one: events tracked on either give one set of numbers on
 * both, and a dashboard on either node receives one snapshot per interval, not one per node.
 */
class RealtimeAnalyticsRedisNodesIntegrationTests {

	private static final Duration INTERVAL = Duration.ofMillis(500);

	private static RedisServer redis;

	private static RedisNodes nodes;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		nodes = RedisNodes.start(2, redis, "realtime.analytics.enabled=true", "realtime.analytics.tracking.enabled=true",
				"realtime.analytics.publish-interval=" + INTERVAL.toMillis() + "ms");
	}

	@AfterAll
	static void stop() {
		nodes.close();
		redis.close();
	}

	@Test
	void eventsTrackedOnTwoNodesGiveOneSetOfCounts() throws Exception {
		LiveAnalytics one = nodes.bean(0, LiveAnalytics.class);
		LiveAnalytics two = nodes.bean(1, LiveAnalytics.class);
		for (int i = 0; i < 50; i++) {
			one.track(AnalyticsEvent.pageView("u" + i)).block();
			two.track(AnalyticsEvent.pageView("u" + (i + 25))).block();
		}
		two.track(AnalyticsEvent.of("cluster.signup", "u0")).block();
		assertThat(track(0, "{\"type\":\"cluster.signup\",\"session\":\"anonymous-1\"}")).isEqualTo(202);
		AnalyticsSnapshot fromOne = one.snapshot().block();
		AnalyticsSnapshot fromTwo = two.snapshot().block();
		assertThat(fromOne.events()).isEqualTo(fromTwo.events());
		assertThat(fromOne.events().get("cluster.signup")).isEqualTo(2);
		assertThat(fromOne.pageViews()).isEqualTo(fromTwo.pageViews()).isGreaterThanOrEqualTo(100);
		// u0..u74 and one anonymous session: 76 visitors (HyperLogLog is all but exact at this size),
		// whichever node counted them.
		assertThat(fromOne.uniqueVisitors()).isEqualTo(fromTwo.uniqueVisitors()).isBetween(74L, 80L);
		assertThat(fromOne.activeUsers()).isEqualTo(fromTwo.activeUsers()).isGreaterThanOrEqualTo(76);
	}

	@Test
	void aDashboardOnEitherNodeReceivesOneSnapshotPerIntervalOfTheClustersCounts() {
		try (TestClient onOne = TestClient.connect(nodes.ws(0, "dash1"));
				TestClient onTwo = TestClient.connect(nodes.ws(1, "dash2"))) {
			onOne.subscribe("analytics:live");
			onTwo.subscribe("analytics:live");
			nodes.bean(1, LiveAnalytics.class).track(AnalyticsEvent.of("dashboard.check", "x")).block();
			await().until(() -> nodes.bean(0, LiveAnalytics.class).latest() != null);
			List<JsonNode> seen = new ArrayList<>();
			long start = System.nanoTime();
			Duration watch = INTERVAL.multipliedBy(8);
			while (System.nanoTime() - start < watch.toNanos()) {
				JsonNode message = onOne.pollMessage(watch.toNanos() - (System.nanoTime() - start));
				if (message != null) {
					seen.add(message);
				}
			}
			// One publication per interval across the cluster: about 8 in 8 intervals. Both nodes
			// publishing would make about 16; a machine too loaded to keep time makes fewer.
			assertThat(seen).hasSizeBetween(2, 11);
			assertThat(seen).extracting((message) -> message.path("data").path("ts").asLong()).doesNotHaveDuplicates();
			assertThat(seen.get(seen.size() - 1).path("data").path("events").path("dashboard.check").asLong())
				.isEqualTo(1);
			// The other node's dashboard gets the same publications, offsets and all.
			JsonNode last = seen.get(seen.size() - 1);
			await().until(() -> {
				JsonNode message = onTwo.pollMessage(Duration.ofSeconds(1).toNanos());
				return message != null && message.path("offset").asLong() == last.path("offset").asLong()
						&& message.path("data").equals(last.path("data"));
			});
		}
	}

	private int track(int node, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + nodes.port(node) + "/realtime/analytics/events"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
