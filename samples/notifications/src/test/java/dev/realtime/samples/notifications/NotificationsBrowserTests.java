package dev.realtime.samples.notifications;

import java.time.Duration;
import java.util.List;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.RealtimeHub;
import dev.realtime.inbox.NewNotification;
import dev.realtime.inbox.NotificationInbox;
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
 * The notifications page in headless Chromium, on the JavaScript client's WebSocket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// The delay before the page reconnects after 1008 (max-backoff, with no jitter that may come
		// to next to nothing): what the test sends meanwhile must be missed live.
		"realtime.client.max-backoff=3s",
		// A personal room that remembers one message: the inbox, not the room's history, brings
		// back what was sent while the page was away.
		"realtime.history.size=1" })
class NotificationsBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	NotificationInbox inbox;

	@Test
	void aNotificationSentFromOnePageReachesOnlyItsAddressee() {
		Browser alice = signIn("alice-token");
		Browser bob = signIn("bob-token");
		bob.find("#send select[name=to]").sendKeys("alice");
		bob.type("#send input[name=subject]", "lunch?").click("#send button");

		await().atMost(PATIENCE).until(() -> alice.texts("#inbox li.notification").contains("lunch?\nfrom the page of bob"));
		assertThat(bob.texts("#inbox li.notification")).doesNotContain("lunch?\nfrom the page of bob");
	}

	@Test
	void readingOnOneTabClearsTheBellOnTheOther() {
		this.inbox.markAllRead("bob").block(PATIENCE);
		Browser first = signIn("bob-token");
		Browser second = signIn("bob-token");
		for (String title : List.of("one", "two", "three")) {
			this.inbox.send("bob", NewNotification.of(title, null)).block(PATIENCE);
		}
		for (Browser tab : List.of(first, second)) {
			await().atMost(PATIENCE).until(() -> tab.text("#unread").equals("3"));
			assertThat(tab.texts("#inbox li.unread strong")).containsExactly("three", "two", "one");
		}

		first.click("#inbox li.unread:last-child");
		await().atMost(PATIENCE).until(() -> second.text("#unread").equals("2"));
		assertThat(second.texts("#inbox li.unread strong")).containsExactly("three", "two");

		second.click("#read-all");
		await().atMost(PATIENCE).until(() -> first.text("#unread").equals("0"));
		assertThat(first.texts("#inbox li.unread")).isEmpty();
		assertThat(second.text("#unread")).isEqualTo("0");
	}

	@Test
	void aPageTheServerDisconnectsFindsWhatWasSentMeanwhileUnread() {
		Browser alice = signIn("alice-token");
		this.inbox.markAllRead("alice").block(PATIENCE);
		this.inbox.send("alice", NewNotification.of("before", null)).block(PATIENCE);
		await().atMost(PATIENCE).until(() -> alice.texts("#inbox li.unread strong").equals(List.of("before")));

		String dropped = connectionOf("alice");
		this.hub.disconnect(dropped, CloseCodes.POLICY_VIOLATION, "dropped by the test").block(PATIENCE);
		await().atMost(PATIENCE).until(() -> this.hub.connection(dropped).isEmpty());
		this.inbox.send("alice", NewNotification.of("while away 1", null)).block(PATIENCE);
		this.inbox.send("alice", NewNotification.of("while away 2", null)).block(PATIENCE);
		assertThat(this.hub.connections()).as("alice is still away while the notifications are sent")
			.noneMatch((connection) -> "alice".equals(connection.userId()));

		// Newest first, each once, though the personal room's history kept only the last.
		await().atMost(PATIENCE)
			.until(() -> alice.texts("#inbox li.unread strong").equals(List.of("while away 2", "while away 1", "before")));
		assertThat(alice.text("#unread")).isEqualTo("3");
		assertThat(alice.texts("#log li")).contains("reconnected: unread notifications reloaded",
				"connection lost (1008)");
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
