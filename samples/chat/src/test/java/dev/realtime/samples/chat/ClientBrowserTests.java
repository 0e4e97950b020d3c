package dev.realtime.samples.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import dev.realtime.CloseCodes;
import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.RealtimePrincipal;
import dev.realtime.annotation.OnSubscribe;
import dev.realtime.annotation.RealtimeController;
import dev.realtime.annotation.RealtimeException;
import dev.realtime.samples.browser.Browser;
import dev.realtime.samples.browser.Browsers;
import dev.realtime.security.RealtimeAuthenticator;
import dev.realtime.security.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter's JavaScript client, {@code /realtime/client.js}, driven by scripts in a page of
 * the chat sample: what its API promises, beyond what the chat page shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.websocket.ping-interval=1s", "realtime.client.initial-backoff=1s",
				"realtime.client.max-backoff=2s" })
@Import({ ClientBrowserTests.ExpiringTokens.class, ClientBrowserTests.FlakyRooms.class })
class ClientBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	/** Connects {@code window.client} as {@code args[0]}, recording what it says in {@code window.seen}. */
	private static final String CONNECT = """
			const { connect } = await import('/realtime/client.js');
			window.seen = { states: [], disconnects: [], subscribed: [], offsets: [] };
			window.client = connect({ params: { name: args[0] } });
			client.on('state', (state) => seen.states.push(state));
			client.on('disconnect', (event) => seen.disconnects.push(event));
			await new Promise((resolve) => client.subscribe(args[1], (message) => seen.offsets.push(message.offset), {
				onSubscribed: (result) => { seen.subscribed.push(result); resolve(); },
			}));
			""";

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	@Autowired
	FlakyRooms flakyRooms;

	@Test
	void publishAndPresenceResolveWithTheReplyAndRejectWithTheErrorFrame() {
		Browser page = page();
		page.await(CONNECT, "frank", "api");
		Map<String, Object> outcome = object(page.await("""
				const failure = (promise) => promise.then(() => null, (error) => error.code);
				return {
					published: await client.publish('api', { text: 'hello' }, { event: 'greeting' }),
					notSubscribed: await failure(client.publish('elsewhere', {})),
					forbidden: await failure(client.publish('user:frank', {})),
					presence: await client.presence('api'),
				};
				"""));
		assertThat(object(outcome.get("published"))).containsEntry("room", "api").containsEntry("offset", 1L);
		assertThat(outcome.get("notSubscribed")).isEqualTo("not_subscribed");
		assertThat(outcome.get("forbidden")).isEqualTo("forbidden");
		assertThat(object(outcome.get("presence"))).containsEntry("users", List.of("frank"))
			.containsEntry("connections", 1L);
		assertThat(this.hub.room("api").size()).isEqualTo(1);
	}

	@Test
	void rpcResolvesWithTheMethodsResultAndRejectionsCarryTheServersCode() {
		Browser page = page();
		page.await(CONNECT, "fay", "calls");
		Map<String, Object> outcome = object(page.await("""
				const failure = (promise) => promise.then(() => null, (error) => ({ code: error.code, message: error.message }));
				await client.publish('calls', { text: '  find me  ' });
				return {
					found: await client.rpc('chat.search', { room: 'calls', query: 'FIND' }),
					unknown: await failure(client.rpc('no.such', {})),
					invalid: await failure(client.rpc('chat.search', { room: 'calls' })),
					refused: await failure(client.publish('calls', { text: ' ' })),
				};
				"""));
		List<?> found = (List<?>) outcome.get("found");
		assertThat(found).hasSize(1);
		assertThat(object(found.get(0))).containsEntry("from", "fay").containsEntry("text", "find me");
		assertThat(object(outcome.get("unknown"))).containsEntry("code", "not_found")
			.containsEntry("message", "no rpc method 'no.such'");
		assertThat(object(outcome.get("invalid"))).containsEntry("code", "bad_request")
			.containsEntry("message", "field 'data.query' must not be blank");
		assertThat(object(outcome.get("refused"))).containsEntry("code", "bad_request")
			.containsEntry("message", "field 'data.text' must not be blank");
	}

	@Test
	void aResumeThatTheHistoryCannotCoverSaysSoAndDeliversWhatItStillHolds() {
		Browser page = page();
		page.await(CONNECT, "gina", "flood");
		String dropped = connectionOf("gina");
		// After 1008 the client waits max-backoff (2s here) before it comes back, not a jittered
		// delay that may be next to nothing: time for the flood to happen while it is away.
		this.hub.disconnect(dropped, CloseCodes.POLICY_VIOLATION, "dropped by the test").block(PATIENCE);
		await().atMost(PATIENCE).until(() -> this.hub.connection(dropped).isEmpty());
		// The sample keeps 100 publications a room: the first 20 of these are gone when gina is back.
		for (int i = 1; i <= 120; i++) {
			this.hub.publish("flood", Event.message(Map.of("n", i))).block(PATIENCE);
		}
		await().atMost(PATIENCE).until(() -> seen(page, "subscribed").size() == 2);
		assertThat(object(seen(page, "subscribed").get(0))).doesNotContainKey("recovered");
		assertThat(object(seen(page, "subscribed").get(1))).containsEntry("recovered", false);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(seen(page, "offsets")).isEqualTo(LongStream.rangeClosed(21, 120).boxed().toList()));
	}

	@Test
	void aSubscribeTheServerCannotTakeNowIsAskedAgainUntilItIsTaken() {
		Browser page = page();
		// The subscribe is answered unavailable twice (the broker out of reach), then taken.
		page.await(CONNECT, "ivy", "flaky:news");
		assertThat(this.flakyRooms.refusals).hasValue(2);
		this.hub.publish("flaky:news", Event.message(Map.of("text", "back"))).block(PATIENCE);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(seen(page, "offsets")).isEqualTo(List.of(1L)));
	}

	@Test
	void aClientTheApplicationDisconnectsStaysClosed() {
		Browser page = page();
		page.await(CONNECT, "hank", "kicked");
		this.hub.disconnect(connectionOf("hank"), CloseCodes.DISCONNECTED, "go away").block(PATIENCE);
		await().atMost(PATIENCE).until(() -> seen(page, "states").equals(List.of("open", "closed")));
		assertThat(object(seen(page, "disconnects").get(0))).containsEntry("code", 4002L)
			.containsEntry("reason", "go away");
		// Longer than the longest backoff: a client that were to reconnect would be back.
		await().during(Duration.ofSeconds(3))
			.atMost(PATIENCE)
			.until(() -> this.hub.connections().stream().noneMatch((c) -> "hank".equals(c.userId())));
	}

	@Test
	void aServerThatStopsAnsweringIsLeftAndTheClientReconnects() {
		Browser page = page();
		// Pings vanish on their way out, as on a network that went down without closing anything.
		page.script("""
				const send = WebSocket.prototype.send;
				WebSocket.prototype.send = function (data) {
					if (!window.deaf || data !== '{"type":"ping"}') send.call(this, data);
				};
				""");
		page.await(CONNECT, "ivy", "quiet");
		String first = connectionOf("ivy");
		page.script("window.deaf = true");
		await().atMost(PATIENCE).until(() -> seen(page, "disconnects").size() == 1);
		assertThat(object(seen(page, "disconnects").get(0))).containsEntry("code", 4001L);
		page.script("window.deaf = false");
		await().atMost(PATIENCE).until(() -> seen(page, "states").equals(List.of("open", "reconnecting", "open")));
		await().atMost(PATIENCE).until(() -> !connectionOf("ivy").equals(first));
	}

	@Test
	void aWebSocketClientRefreshesItsTokenBeforeItExpiresAndStaysConnected() {
		Browser page = page();
		page.await("""
				const { connect } = await import('/realtime/client.js');
				window.seen = { states: [], disconnects: [], tokens: 0, messages: [] };
				window.client = connect({ getToken: () => 'jo.' + (Date.now() + 3000) + '.' + ++seen.tokens });
				client.on('state', (state) => seen.states.push(state));
				client.on('disconnect', (event) => seen.disconnects.push(event));
				await new Promise((resolve) => client.subscribe('tokens', (message) => seen.messages.push(message.data), {
					onSubscribed: resolve,
				}));
				""");
		String connection = connectionOf("jo");
		// Three tokens of 3s each, each refreshed a second before it expires, on the same connection.
		await().atMost(PATIENCE).until(() -> ((Number) page.script("return seen.tokens")).intValue() >= 4);
		assertThat(seen(page, "disconnects")).isEmpty();
		assertThat(connectionOf("jo")).isEqualTo(connection);
		this.hub.publish("tokens", Event.message("still here")).block(PATIENCE);
		await().atMost(PATIENCE).until(() -> seen(page, "messages").equals(List.of("still here")));
	}

	@Test
	void anSseClientReopensItsStreamWithANewTokenWhenTheOldOneExpires() {
		Browser page = page();
		page.await("""
				const { connect } = await import('/realtime/client.js');
				window.seen = { disconnects: [], tokens: 0, messages: [] };
				window.client = connect({ transport: 'sse', getToken: () => 'kim.' + (Date.now() + 2000) + '.' + ++seen.tokens });
				client.on('disconnect', (event) => seen.disconnects.push(event));
				await new Promise((resolve) => client.subscribe('sse-tokens', (message) => seen.messages.push(message.data), {
					onSubscribed: resolve,
				}));
				""");
		this.hub.publish("sse-tokens", Event.message("before")).block(PATIENCE);
		await().atMost(PATIENCE).until(() -> seen(page, "disconnects").size() >= 1);
		assertThat(object(seen(page, "disconnects").get(0))).containsEntry("code", (long) CloseCodes.CREDENTIALS_EXPIRED);
		await().atMost(PATIENCE).until(() -> ((Number) page.script("return seen.tokens")).intValue() >= 2);
		// Published whether the new stream is in yet or not: it resumes from where the old one ended.
		this.hub.publish("sse-tokens", Event.message("after")).block(PATIENCE);
		await().atMost(PATIENCE).until(() -> seen(page, "messages").equals(List.of("before", "after")));
	}

	private Browser page() {
		return this.browsers.open("http://localhost:" + this.port + "/");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(Object json) {
		return (Map<String, Object>) json;
	}

	private static List<?> seen(Browser page, String what) {
		return (List<?>) page.script("return window.seen[arguments[0]]", what);
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

	/**
	 * Tokens {@code name.expiresAtMillis.serial} that expire when they say, for the refresh tests;
	 * without a token, the sample's own {@code ?name=}.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ExpiringTokens {

		@Bean
		TokenVerifier expiringTokens() {
			return (token) -> {
				String[] parts = token.split("\\.");
				Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
				return expiresAt.isAfter(Instant.now())
						? Mono.just(RealtimePrincipal.user(parts[0]).withExpiry(expiresAt)) : Mono.empty();
			};
		}

		@Bean
		@Primary
		RealtimeAuthenticator tokenOrNameAuthenticator(TokenVerifier tokens,
				@Qualifier("nameAuthenticator") RealtimeAuthenticator names) {
			return (exchange) -> {
				String token = exchange.getRequest().getQueryParams().getFirst("token");
				return (token != null) ? tokens.verify(token) : names.authenticate(exchange);
			};
		}

	}

	/** Rooms {@code flaky:*}, whose first two subscribes are answered {@code unavailable}. */
	@RealtimeController
	static class FlakyRooms {

		final AtomicInteger refusals = new AtomicInteger();

		@OnSubscribe("flaky:*")
		void subscribe() {
			if (this.refusals.get() < 2) {
				this.refusals.incrementAndGet();
				throw new RealtimeException("unavailable", "the broker cannot take it now");
			}
		}

	}

}
