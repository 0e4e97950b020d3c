package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;

import dev.realtime.Event;
import dev.realtime.Publication;
import dev.realtime.RealtimeHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client looping on {@code subscribe since:0} and {@code unsubscribe} in a room of big
 * publications cannot pull its history out of the server again and again.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.history.replay-rate=1MB", "realtime.history.max-room-size=4MB" })
class RealtimeReplayLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aSubscribeSinceZeroLoopGetsAtMostItsReplayBudgetWhileABystanderIsServed() {
		String payload = "x".repeat(60_000);
		Publication first = this.hub.publish("big", Event.message(payload)).block();
		for (int i = 1; i < 100; i++) {
			this.hub.publish("big", Event.message(payload)).block();
		}
		try (TestClient looper = connect("looper"); TestClient bystander = connect("bystander")) {
			bystander.subscribe("big");
			long started = System.nanoTime();
			long replayed = 0;
			int recovered = 0;
			for (int i = 0; i < 40; i++) {
				JsonNode reply = looper.request("{\"type\":\"subscribe\",\"room\":\"big\",\"since\":{\"offset\":0,\"epoch\":\""
						+ first.epoch() + "\"}}");
				assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
				if (reply.path("result").path("recovered").asBoolean()) {
					recovered++;
				}
				looper.request("{\"type\":\"unsubscribe\",\"room\":\"big\"}");
				JsonNode message;
				while ((message = looper.pollMessage(Duration.ofMillis(20).toNanos())) != null) {
					replayed += message.path("data").asString().length();
				}
				// The bystander keeps being served meanwhile.
				this.hub.publish("big", Event.message("live " + i)).block();
				assertThat(bystander.nextMessage().path("data").asString()).isEqualTo("live " + i);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			// The history is 4 MB; without a budget the loop would take 40 times that.
			assertThat(replayed).isLessThan((long) (4_200_000 + 1_100_000 * seconds));
			assertThat(recovered).isZero();
		}
	}

	private TestClient connect(String user) {
		return TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user));
	}

}
