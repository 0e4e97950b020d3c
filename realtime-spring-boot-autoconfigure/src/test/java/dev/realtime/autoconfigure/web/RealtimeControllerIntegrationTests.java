package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.realtime.Connection;
import dev.realtime.Event;
import dev.realtime.RealtimePrincipal;
import dev.realtime.annotation.OnConnect;
import dev.realtime.annotation.OnDisconnect;
import dev.realtime.annotation.OnPublish;
import dev.realtime.annotation.OnRpc;
import dev.realtime.annotation.OnSubscribe;
import dev.realtime.annotation.RealtimeController;
import dev.realtime.annotation.RealtimeException;
import dev.realtime.annotation.RoomName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link RealtimeController}'s methods, called by real WebSocket (and SSE) clients: rpc replies
 * and every error, publications rejected and rewritten, subscriptions refused by a reactive
 * check, connect and disconnect callbacks, and a slow method that holds back its own connection
 * only.
 */
@SpringBootTest(classes = { TestApplication.class, RealtimeControllerIntegrationTests.TestController.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeControllerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestController controller;

	URI uri(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	@Test
	void anRpcIsAnsweredWithWhatItsMethodReturns() {
		try (TestClient client = TestClient.connect(uri("ann"))) {
			JsonNode reply = client.request("{\"type\":\"rpc\",\"method\":\"greet\",\"data\":{\"name\":\"Bo\",\"age\":3}}");
			assertThat(reply.path("type").asString()).isEqualTo("reply");
			assertThat(reply.path("ok").asBoolean()).isTrue();
			assertThat(reply.path("result").path("greeting").asString()).isEqualTo("hello Bo");
			assertThat(reply.path("result").path("by").asString()).as("the principal is given").isEqualTo("ann");
			assertThat(client.request("{\"type\":\"rpc\",\"method\":\"sum\",\"data\":[1,2,3]}").path("result").asInt())
				.as("a plain value, bound to a generic type").isEqualTo(6);
			JsonNode nothing = client.request("{\"type\":\"rpc\",\"method\":\"nothing\"}");
			assertThat(nothing.path("ok").asBoolean()).isTrue();
			assertThat(nothing.has("result")).as("a void method's reply has no result").isFalse();
			assertThat(client.request("{\"type\":\"rpc\",\"method\":\"optional\"}").path("result").asString())
				.isEqualTo("nobody");
			assertThat(client.request("{\"type\":\"rpc\",\"method\":\"optional\",\"data\":{\"name\":\"Cy\",\"age\":7}}")
				.path("result").asString()).isEqualTo("Cy");
		}
	}

	@Test
	void anRpcThatCannotBeAnsweredGetsAnErrorOfItsOwnCode() {
		try (TestClient client = TestClient.connect(uri("ann"))) {
			assertError(client.request("{\"type\":\"rpc\",\"method\":\"missing\",\"data\":1}"), "not_found",
					"no rpc method 'missing'");
			assertError(client.request("{\"type\":\"rpc\",\"data\":1}"), "bad_request", "field 'method'");
			assertError(client.request("{\"type\":\"rpc\",\"method\":\"greet\"}"), "bad_request",
					"field 'data' is required");
			assertError(client.request("{\"type\":\"rpc\",\"method\":\"greet\",\"data\":{\"name\":\"Bo\",\"age\":\"old\"}}"),
					"bad_request", "field 'data.age' cannot be read");
			assertError(client.request("{\"type\":\"rpc\",\"method\":\"sum\",\"data\":[1,{}]}"), "bad_request",
					"field 'data[1]' cannot be read");
			assertError(client.request("{\"type\":\"rpc\",\"method\":\"greet\",\"data\":{\"name\":\" \",\"age\":-1}}"),
					"bad_request", "field 'data.age' must be greater than or equal to 0; field 'data.name' must not be blank");
			assertError(client.request("{\"type\":\"rpc\",\"method\":\"quota\"}"), "quota_exceeded", "no more today");
			assertError(client.request("{\"type\":\"rpc\",\"method\":\"broken\"}"), "internal",
					"the server failed to handle the frame");
			assertThat(client.request("{\"type\":\"ping\"}").path("type").asString())
				.as("the connection stays open").isEqualTo("pong");
		}
	}

	@Test
	void aPublishHookRejectsAPublicationOrReplacesItsData() {
		try (TestClient author = TestClient.connect(uri("ann")); TestClient reader = TestClient.connect(uri("bob"))) {
			for (String room : List.of("moderated:news", "moderated:loud", "plain")) {
				author.subscribe(room);
				reader.subscribe(room);
			}
			assertError(author.request("{\"type\":\"publish\",\"room\":\"moderated:news\",\"data\":{\"text\":\"buy spam\"}}"),
					"rejected", "no spam here");
			assertError(author.request("{\"type\":\"publish\",\"room\":\"moderated:news\",\"data\":{\"text\":\"\"}}"),
					"bad_request", "field 'data.text' must not be blank");
			JsonNode reply = author
				.request("{\"type\":\"publish\",\"room\":\"moderated:news\",\"data\":{\"text\":\"  hello  \"}}");
			assertThat(reply.path("result").path("offset").asLong()).as("the rejected ones took no offset")
				.isEqualTo(1);
			JsonNode message = reader.nextMessage();
			assertThat(message.path("data").path("text").asString()).isEqualTo("HELLO");
			assertThat(message.path("data").path("room").asString()).isEqualTo("moderated:news");
			assertThat(message.path("data").path("by").asString()).isEqualTo("ann");
			assertThat(message.path("from").asString()).isEqualTo("ann");

			author.request("{\"type\":\"publish\",\"room\":\"moderated:loud\",\"data\":{\"text\":\"hey\"}}");
			assertThat(reader.nextMessage().path("data").path("text").asString())
				.as("the second hook is given what the first returned").isEqualTo("HEY!");

			author.request("{\"type\":\"publish\",\"room\":\"plain\",\"data\":{\"text\":\"  as is  \"}}");
			assertThat(reader.nextMessage().path("data").path("text").asString())
				.as("rooms no hook matches are left alone").isEqualTo("  as is  ");
		}
	}

	@Test
	void aReactiveSubscribeHookRefusesASubscriptionItsPresenceAndAnSseStream() throws Exception {
		try (TestClient guest = TestClient.connect(uri("guest")); TestClient vip = TestClient.connect(uri("vip"))) {
			assertError(guest.request("{\"type\":\"subscribe\",\"room\":\"vip:lounge\"}"), "forbidden",
					"subscribe to room 'vip:lounge' is not allowed");
			assertError(guest.request("{\"type\":\"presence\",\"room\":\"vip:lounge\"}"), "forbidden",
					"subscribe to room 'vip:lounge' is not allowed");
			vip.subscribe("vip:lounge");
			assertThat(vip.request("{\"type\":\"presence\",\"room\":\"vip:lounge\"}").path("result").path("users"))
				.hasSize(1);
			assertError(vip.request("{\"type\":\"subscribe\",\"room\":\"closed:1\"}"), "closed", "the room is closed");
			assertThat(guest.subscribe("lobby").path("ok").asBoolean()).isTrue();
			assertThat(this.controller.subscribeThreads).as("the check ran off the event loop, as a lookup would")
				.allMatch((thread) -> !thread.contains("reactor-http"));
		}
		URI sse = URI.create("http://localhost:" + this.port + "/realtime/sse?room=lobby&room=vip:lounge&user=");
		assertThat(SseTestClient.status(URI.create(sse + "guest"), "GET")).isEqualTo(403);
		try (SseTestClient stream = SseTestClient.connect(URI.create(sse + "vip"), null)) {
			assertThat(stream.next().name()).isEqualTo("subscribed");
		}
	}

	@Test
	void connectAndDisconnectMethodsRunOncePerConnection() {
		String id;
		try (TestClient client = TestClient.connect(uri("cal"))) {
			JsonNode welcome = client.nextMessage();
			assertThat(welcome.path("data").asString()).as("sent by the connect method").isEqualTo("welcome cal");
			id = this.controller.connected.stream()
				.filter((entry) -> entry.startsWith("cal "))
				.findFirst()
				.orElseThrow()
				.substring(4);
		}
		await().atMost(TestClient.TIMEOUT).until(() -> this.controller.disconnected.contains("cal " + id));
		assertThat(this.controller.connected).containsOnlyOnce("cal " + id);
		assertThat(this.controller.disconnected).containsOnlyOnce("cal " + id);
	}

	@Test
	void aSlowMethodHoldsBackItsOwnConnectionOnlyAndItsFramesStayInOrder() {
		Sinks.Empty<Void> gate = Sinks.empty();
		this.controller.gate = gate;
		try (TestClient slow = TestClient.connect(uri("sam")); TestClient other = TestClient.connect(uri("oli"))) {
			slow.send("{\"type\":\"rpc\",\"method\":\"slow\",\"ref\":\"s\"}");
			slow.send("{\"type\":\"ping\",\"ref\":\"p\"}");
			await().atMost(TestClient.TIMEOUT).until(() -> this.controller.slowCalls > 0);
			for (int i = 0; i < 5; i++) {
				assertThat(other.request("{\"type\":\"rpc\",\"method\":\"sum\",\"data\":[" + i + "]}").path("result")
					.asInt()).isEqualTo(i);
			}
			assertThat(slow.pollControl(Duration.ofMillis(300))).as("nothing answered while the method waits")
				.isNull();
			gate.tryEmitEmpty();
			JsonNode first = slow.await((frame) -> true);
			assertThat(first.path("ref").asString()).isEqualTo("s");
			assertThat(first.path("result").asString()).isEqualTo("late");
			assertThat(slow.await((frame) -> true).path("type").asString())
				.as("the next frame was handled after the slow one").isEqualTo("pong");
		}
	}

	private static void assertError(JsonNode frame, String code, String message) {
		assertThat(frame.path("type").asString()).isEqualTo("error");
		assertThat(frame.path("code").asString()).isEqualTo(code);
		assertThat(frame.path("message").asString()).contains(message);
	}

	record Greeting(@NotBlank @Size(max = 10) String name, @Min(0) int age) {
	}

	record Post(@NotBlank String text) {
	}

	@RealtimeController
	static class TestController {

		final List<String> connected = new CopyOnWriteArrayList<>();

		final List<String> disconnected = new CopyOnWriteArrayList<>();

		final List<String> subscribeThreads = new CopyOnWriteArrayList<>();

		volatile Sinks.Empty<Void> gate = Sinks.empty();

		volatile int slowCalls;

		@OnConnect
		void connected(Connection connection, RealtimePrincipal principal) {
			this.connected.add(principal.userId() + " " + connection.id());
			if ("cal".equals(principal.userId())) {
				connection.send(Event.system("welcome " + principal.userId()));
			}
		}

		@OnDisconnect
		Mono<Void> disconnected(Connection connection) {
			return Mono.fromRunnable(() -> this.disconnected.add(connection.userId() + " " + connection.id()));
		}

		@OnRpc("greet")
		Mono<Map<String, String>> greet(@Valid Greeting greeting, RealtimePrincipal principal) {
			return Mono.just(Map.of("greeting", "hello " + greeting.name(), "by", principal.userId()));
		}

		@OnRpc("sum")
		int sum(List<Integer> numbers) {
			return numbers.stream().mapToInt(Integer::intValue).sum();
		}

		@OnRpc("nothing")
		void nothing(Connection connection) {
		}

		@OnRpc("optional")
		String optional(Optional<Greeting> greeting) {
			return greeting.map(Greeting::name).orElse("nobody");
		}

		@OnRpc("quota")
		Object quota() {
			throw new RealtimeException("quota_exceeded", "no more today");
		}

		@OnRpc("broken")
		Mono<String> broken() {
			return Mono.error(new IllegalStateException("a bug"));
		}

		@OnRpc("slow")
		Mono<String> slow() {
			this.slowCalls++;
			return this.gate.asMono().thenReturn("late");
		}

		@OnPublish("moderated:*")
		Map<String, String> moderate(@RoomName String room, @Valid Post post, RealtimePrincipal principal) {
			if (post.text().contains("spam")) {
				throw new RealtimeException("rejected", "no spam here");
			}
			return Map.of("text", post.text().trim().toUpperCase(), "room", room, "by", principal.userId());
		}

		@OnPublish("moderated:loud")
		Mono<Map<String, String>> shout(Map<String, String> data) {
			return Mono.just(Map.of("text", data.get("text") + "!"));
		}

		@OnSubscribe("vip:*")
		Mono<Boolean> vipOnly(RealtimePrincipal principal, @RoomName String room) {
			// A lookup elsewhere: answered on another thread, later.
			return Mono.delay(Duration.ofMillis(50)).map((tick) -> {
				this.subscribeThreads.add(Thread.currentThread().getName());
				return "vip".equals(principal.userId()) && room.startsWith("vip:");
			});
		}

		@OnSubscribe("closed:*")
		void closed() {
			throw new RealtimeException("closed", "the room is closed");
		}

	}

}
