package dev.realtime.samples.chat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

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
 * The chat page in headless Chromium, on the JavaScript client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// After 1008 the page waits max-backoff before it reconnects (no jitter that may come to next
		// to nothing): what the test publishes after a drop lands before the reconnect.
		properties = "realtime.client.max-backoff=2s")
class ChatBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Test
	void aPageSeesOthersJoinAndLeaveWithoutAsking() {
		Browser erin = join("erin", "lobby");
		Browser fred = join("fred", "lobby");
		await().atMost(PATIENCE).until(() -> erin.texts("#log .system").contains("fred joined"));
		await().atMost(PATIENCE).until(() -> erin.texts("#who li").equals(List.of("erin", "fred"))
				|| erin.texts("#who li").equals(List.of("fred", "erin")));
		fred.close();
		await().atMost(PATIENCE).until(() -> erin.texts("#log .system").contains("fred left"));
		await().atMost(PATIENCE).until(() -> erin.texts("#who li").equals(List.of("erin")));
	}

	@Test
	void twoPagesChatAndTheSecondSeesTheRoomsHistoryAndWhoIsHere() {
		Browser alice = join("alice", "tea");
		say(alice, "anyone here?");
		awaitLines(alice, "alice: anyone here?");

		Browser bob = join("bob", "tea");
		awaitLines(bob, "alice: anyone here?");
		await().atMost(PATIENCE).until(() -> alice.texts("#who li").containsAll(List.of("alice", "bob")));
		await().atMost(PATIENCE).until(() -> bob.texts("#who li").containsAll(List.of("alice", "bob")));

		say(bob, "hi alice");
		awaitLines(alice, "alice: anyone here?", "bob: hi alice");
		say(alice, "hi bob");
		awaitLines(bob, "alice: anyone here?", "bob: hi alice", "alice: hi bob");
	}

	@Test
	void aPageDroppedByTheServerReconnectsAndShowsEveryMessageSentMeanwhile() {
		Browser carol = join("carol", "news");
		say(carol, "before the drop");
		awaitLines(carol, "carol: before the drop");
		String dropped = connectionOf("carol");

		this.hub.disconnect(dropped, CloseCodes.POLICY_VIOLATION, "dropped by the test").block(PATIENCE);
		await().atMost(PATIENCE).until(() -> this.hub.connection(dropped).isEmpty());
		List<String> missed = IntStream.rangeClosed(1, 5).mapToObj((i) -> "missed " + i).toList();
		missed.forEach((text) -> this.hub.publish("news", new Event(Event.MESSAGE, java.util.Map.of("text", text), "dave",
				System.currentTimeMillis())).block(PATIENCE));
		assertThat(this.hub.connections()).as("carol is still away while the messages are published")
			.noneMatch((connection) -> "carol".equals(connection.userId()));

		awaitLines(carol, "carol: before the drop", "dave: missed 1", "dave: missed 2", "dave: missed 3",
				"dave: missed 4", "dave: missed 5");
		assertThat(carol.texts("#log .system")).contains("connection lost (1008)", "reconnected: nothing was missed");
		assertThat(carol.text("#status")).isEqualTo("open");
		assertThat(connectionOf("carol")).isNotEqualTo(dropped);

		say(carol, "back again");
		awaitLines(carol, "carol: before the drop", "dave: missed 1", "dave: missed 2", "dave: missed 3",
				"dave: missed 4", "dave: missed 5", "carol: back again");
	}

	@Test
	void theServerCutsALongMessageAndThePageSearchesWhatWasSaid() {
		Browser ivy = join("ivy", "books");
		say(ivy, "I like Dune");
		awaitLines(ivy, "ivy: I like Dune");
		say(ivy, "x".repeat(600));
		awaitLines(ivy, "ivy: I like Dune", "ivy: " + "x".repeat(ChatController.MAX_TEXT) + "…");

		search(ivy, "dune");
		await().atMost(PATIENCE).until(() -> ivy.texts("#found li").equals(List.of("ivy: I like Dune")));
		search(ivy, "tolkien");
		await().atMost(PATIENCE).until(() -> ivy.texts("#found li").equals(List.of("nothing found")));
		search(ivy, "d");
		await().atMost(PATIENCE).until(() -> ivy.texts("#found li")
			.equals(List.of("search failed (bad_request): field 'data.query' size must be between 2 and 100")));
	}

	private static void search(Browser page, String query) {
		page.find("#search input[name=query]").clear();
		page.type("#search input[name=query]", query).click("#search button");
	}

	private Browser join(String name, String room) {
		Browser page = this.browsers.open("http://localhost:" + this.port + "/");
		page.type("#join input[name=name]", name).type("#join input[name=room]", room).click("#join button");
		await().atMost(PATIENCE)
			.until(() -> page.texts("#log .system").contains("you joined " + room + " as " + name));
		return page;
	}

	private static void say(Browser page, String text) {
		await().atMost(PATIENCE).until(() -> page.find("#say input[name=text]").isEnabled());
		page.type("#say input[name=text]", text).click("#say button");
	}

	/** Waits until the page's messages are exactly {@code lines}: none missing, none twice. */
	private static void awaitLines(Browser page, String... lines) {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.texts("#log .msg")).containsExactly(lines));
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
