package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.broker.LocalBroker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "realtime.history.ttl=400ms")
class RealtimeHistoryEvictionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LocalBroker broker;

	@Test
	void tenThousandRoomsUsedOnceAndLeftAreGoneAfterTheTtlWhileRoomsWithMembersStay() throws Exception {
		try (TestClient member = TestClient
			.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=member"))) {
			member.subscribe("kept");
			this.hub.publish("kept", Event.message("stays")).block();
			int held = 0;
			for (int i = 0; i < 10_000; i++) {
				try (TestClient visitor = i < 20 ? TestClient
					.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=v" + i)) : null) {
					if (visitor != null) {
						visitor.subscribe("once-" + i);
					}
					this.hub.publish("once-" + i, Event.message(i)).block();
				}
				held = Math.max(held, this.broker.topics());
			}
			// Eviction runs meanwhile: the first rooms may be gone before the last are published.
			// What stays: the two rooms with a member, the broadcast topic and the node's control
			// topic (sendToConnection, disconnect).
			assertThat(held).isGreaterThan(1000);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.topics() <= 4);
			assertThat(this.hub.rooms()).containsExactlyInAnyOrder("kept", "user:member");
			this.hub.publish("kept", Event.message("live")).block();
			assertThat(member.messages(2)).extracting((m) -> m.path("offset").asLong()).containsExactly(1L, 2L);
		}
	}

}
