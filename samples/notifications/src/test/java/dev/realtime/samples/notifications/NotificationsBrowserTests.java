package dev.realtime.samples.notifications;

import java.time.Duration;
import java.util.List;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.samples.browser.Browser;
import dev.realtime.samples.browser.Browsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifications page in headless Chromium, on the JavaScript client's SSE mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// The delay the browser waits before it reconnects: what the test sends meanwhile must be missed.
		properties = "realtime.sse.retry=2s")
class NotificationsBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aNotificationSentFromOnePageReachesOnlyItsAddressee() {
		Browser alice = signIn("alice-token");
		Browser bob = signIn("bob-token");
		bob.find("#send select[name=to]").sendKeys("alice");
		bob.type("#send input[name=subject]", "lunch?").click("#send button");

		await().atMost(PATIENCE).until(() -> alice.texts("#inbox li.notification").equals(List.of("lunch?\nfrom the page of bob")));
		assertThat(bob.texts("#inbox li.notification")).isEmpty();
	}

	@Test
	void aPageWhoseStreamTheServerEndsResumesWithWhatWasSentMeanwhile() {
		Browser alice = signIn("alice-token");
		this.hub.sendToUser("alice", Event.notification("before", null)).block(PATIENCE);
		await().atMost(PATIENCE).until(() -> alice.texts("#inbox li.notification strong").equals(List.of("before")));

		String dropped = connectionOf("alice");
		this.hub.disconnect(dropped, CloseCodes.SLOW_CONSUMER, "dropped by the test").block(PATIENCE);
		await().atMost(PATIENCE).until(() -> this.hub.connection(dropped).isEmpty());
		this.hub.sendToUser("alice", Event.notification("while away 1", null)).block(PATIENCE);
		this.hub.sendToUser("alice", Event.notification("while away 2", null)).block(PATIENCE);
		assertThat(this.hub.connections()).as("alice is still away while the notifications are sent")
			.noneMatch((connection) -> "alice".equals(connection.userId()));

		// Newest first, each once.
		await().atMost(PATIENCE)
			.until(() -> alice.texts("#inbox li.notification strong")
				.equals(List.of("while away 2", "while away 1", "before")));
		assertThat(alice.texts("#inbox li.system")).contains("reconnected: nothing was missed", "connection lost (4000)");
		assertThat(connectionOf("alice")).isNotEqualTo(dropped);
	}

	private Browser signIn(String token) {
		Browser page = this.browsers.open("http://localhost:" + this.port + "/");
		page.find("#signin select[name=token]").sendKeys(token);
		page.click("#signin button");
		await().atMost(PATIENCE).until(() -> page.text("#status").equals("open"));
		return page;
	}

	private String connectionOf(String user) {
		await().atMost(PATIENCE).until(() -> this.hub.connections().stream().anyMatch((c) -> user.equals(c.userId())));
		return this.hub.connections()
			.stream()
			.filter((connection) -> user.equals(connection.userId()))
			.map(Connection::id)
			.findFirst()
			.orElseThrow();
	}

}
