package dev.realtime.autoconfigure.web;

import java.time.Duration;

import dev.realtime.Event;
import dev.realtime.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed under two nodes and started again: clients stay connected, publishing fails
 * within the timeout with {@code unavailable}, health goes DOWN then UP, and delivery across the
 * nodes resumes by itself.
 */
class RealtimeRedisOutageIntegrationTests {

	private RedisServer redis;

	private RedisNodes nodes;

	@BeforeEach
	void start() {
		this.redis = RedisServer.start();
		this.nodes = RedisNodes.start(2, this.redis, "realtime.redis.timeout=1s",
				"management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always");
	}

	@AfterEach
	void stop() {
		this.nodes.close();
		this.redis.close();
	}

	@Test
	void clientsStayConnectedThroughARedisOutageAndDeliveryResumesAfterIt() {
		try (TestClient publisher = TestClient.connect(this.nodes.ws(0, "pub"));
				TestClient reader = TestClient.connect(this.nodes.ws(1, "reader"))) {
			publisher.subscribe("weather");
			reader.subscribe("weather");
			this.nodes.hub(0).publish("weather", Event.message("sunny")).block();
			assertThat(reader.nextMessage().path("data").asString()).isEqualTo("sunny");
			assertThat(health(1)).isEqualTo("UP");

			this.redis.kill();
			long started = System.nanoTime();
			JsonNode refused = publisher
				.request("{\"type\":\"publish\",\"room\":\"weather\",\"data\":\"stormy\"}");
			assertThat(refused.path("type").asString()).isEqualTo("error");
			assertThat(refused.path("code").asString()).isEqualTo("unavailable");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
			await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(health(1)));
			assertThat(publisher.isOpen()).isTrue();
			assertThat(reader.isOpen()).isTrue();

			this.redis.restart();
			await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(health(0)) && "UP".equals(health(1)));
			// Redis came back empty: each node repairs the room, finds its history gone, and tells
			// the room's members to resync, in the room's new epoch. The reader's own user room
			// is resynced too, in no particular order.
			JsonNode resync = reader.await((frame) -> "weather".equals(frame.path("room").asString()),
					Duration.ofSeconds(30));
			assertThat(resync.path("type").asString()).isEqualTo("resync");
			JsonNode published = publisher.request("{\"type\":\"publish\",\"room\":\"weather\",\"data\":\"clear\"}");
			assertThat(published.path("ok").asBoolean()).as(published.toString()).isTrue();
			JsonNode clear = reader.nextMessage();
			assertThat(clear.path("data").asString()).isEqualTo("clear");
			assertThat(clear.path("epoch").asString()).isEqualTo(resync.path("epoch").asString());
		}
	}

	private String health(int node) {
		JsonNode health = tools.jackson.databind.json.JsonMapper.shared()
			.readTree(WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + this.nodes.port(node))
				.build()
				.get()
				.uri("/actuator/health")
				.exchange()
				.returnResult(String.class)
				.getResponseBody()
				.blockFirst(Duration.ofSeconds(10)));
		return health.path("components").path("realtime").path("status").asString();
	}

}
