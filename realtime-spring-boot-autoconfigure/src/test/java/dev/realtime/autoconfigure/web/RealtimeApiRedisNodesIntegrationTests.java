package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.CloseCodes;
import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one Redis: what a backend asks of node A's server API reaches the clients of
 * node B; without Redis, a publication gets 503.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealtimeApiRedisNodesIntegrationTests {

	private static final String KEY = "cluster-key";

	private static RedisServer redis;

	private static RedisNodes nodes;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		nodes = RedisNodes.start(2, redis, "realtime.api.enabled=true", "realtime.api.key=" + KEY);
	}

	@AfterAll
	static void stop() {
		nodes.close();
		redis.close();
	}

	@Test
	void aPublicationThroughNodeAsApiReachesSubscribersOfNodeB() throws Exception {
		try (TestClient onB = TestClient.connect(nodes.ws(1, "bella"));
				SseTestClient streamOnB = SseTestClient.connect(nodes.sse(1, "room=cross"), null)) {
			onB.subscribe("cross");
			streamOnB.next("subscribed");
			JsonNode published = new ApiClient(nodes.port(0), KEY).call("publish",
					"{\"room\":\"cross\",\"event\":\"update\",\"data\":{\"n\":1}}");
			JsonNode message = onB.nextMessage();
			assertThat(message.path("data").path("n").asInt()).isEqualTo(1);
			assertThat(message.path("offset").asLong()).isEqualTo(published.path("offset").asLong());
			assertThat(streamOnB.next("update").json().path("epoch").asString())
				.isEqualTo(published.path("epoch").asString());
		}
	}

	@Test
	void sendPresenceAndDisconnectThroughNodeAReachTheUserOnNodeB() {
		try (TestClient onB = TestClient.connect(nodes.ws(1, "nico"))) {
			onB.subscribe("cross-lobby");
			ApiClient api = new ApiClient(nodes.port(0), KEY);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> api.call("presence", "{\"room\":\"cross-lobby\"}").path("users").asInt() == 1);
			assertThat(api.call("presence", "{\"room\":\"cross-lobby\"}").path("clients").get(0).path("user").asString())
				.isEqualTo("nico");
			api.call("send", "{\"user\":\"nico\",\"data\":\"across\"}");
			assertThat(onB.nextMessage().path("data").asString()).isEqualTo("across");
			assertThat(api.call("info", "{}").path("nodes").size()).isEqualTo(2);
			api.call("disconnect", "{\"user\":\"nico\",\"reason\":\"logged out\"}");
			assertThat(onB.closeStatus().code()).isEqualTo(CloseCodes.DISCONNECTED);
		}
	}

	/** Last: it takes Redis away, and gives it back empty. */
	@Test
	@Order(Integer.MAX_VALUE)
	void aPublicationRedisCannotTakeGets503ToRetry() {
		ApiClient api = new ApiClient(nodes.port(0), KEY);
		redis.kill();
		try {
			ApiClient.Response refused = api.post("publish", "{\"room\":\"cross\",\"data\":1}");
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.error()).isEqualTo("unavailable");
			assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> api.post("publish", "{\"room\":\"cross\",\"data\":2}").status() == 200);
	}

}
