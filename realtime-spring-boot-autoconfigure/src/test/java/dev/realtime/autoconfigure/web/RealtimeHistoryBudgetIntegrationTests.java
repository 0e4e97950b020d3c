package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.broker.LocalBroker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous clients publishing big messages into many rooms cannot fill the heap with history:
 * the node's budget cuts the windows of the idlest rooms, and a bystander keeps being served.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.history.max-total-size=8MB", "realtime.limits.messages-per-second=0" })
class RealtimeHistoryBudgetIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	LocalBroker broker;

	@Test
	void bigPublicationsInManyRoomsStayWithinTheNodesHistoryBudget() {
		String payload = "x".repeat(60_000);
		List<TestClient> attackers = new ArrayList<>();
		try (TestClient bystander = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws?user=by"))) {
			bystander.subscribe("quiet");
			long cutBefore = this.broker.windowsCut();
			for (int a = 0; a < 10; a++) {
				TestClient attacker = TestClient.connect(URI.create("ws://localhost:" + this.port + "/realtime/ws"));
				attackers.add(attacker);
				for (int r = 0; r < 3; r++) {
					String room = "flood-" + a + "-" + r;
					attacker.subscribe(room);
					for (int i = 0; i < 10; i++) {
						assertThat(attacker.request("{\"type\":\"publish\",\"room\":\"" + room + "\",\"data\":\"" + payload
								+ "\"}").path("ok").asBoolean()).isTrue();
					}
				}
				this.hub.publish("quiet", Event.message("still here " + a)).block();
				assertThat(bystander.nextMessage().path("data").asString()).isEqualTo("still here " + a);
			}
			// 18 MB published; the history holds at most its 8 MB.
			assertThat(this.broker.bytesHeld()).isLessThanOrEqualTo(8L * 1024 * 1024);
			assertThat(this.broker.windowsCut()).isGreaterThan(cutBefore);
		}
		finally {
			attackers.forEach(TestClient::close);
		}
	}

}
