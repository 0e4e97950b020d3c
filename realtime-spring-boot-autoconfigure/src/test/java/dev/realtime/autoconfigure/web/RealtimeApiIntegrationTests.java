package dev.realtime.autoconfigure.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.CloseCodes;
import dev.realtime.Event;
import dev.realtime.RealtimeHub;
import dev.realtime.api.ServerApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server API over real HTTP, with real WebSocket and SSE clients on the other side: every
 * operation with the key, none without it, and a clear 4xx for every kind of bad request.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.api.enabled=true", "realtime.api.key=" + RealtimeApiIntegrationTests.KEY,
				"realtime.api.max-body-size=2KB", "realtime.history.max-replay=500" })
class RealtimeApiIntegrationTests {

	static final String KEY = "s3cret-key-for-tests";

	@LocalServerPort
	int port;

	@Autowired
	RealtimeHub hub;

	ApiClient api() {
		return new ApiClient(this.port, KEY);
	}

	URI ws(String user) {
		return URI.create("ws://localhost:" + this.port + "/realtime/ws?user=" + user);
	}

	@Test
	void aPublicationThroughTheApiReachesWebSocketAndSseSubscribers() throws Exception {
		try (TestClient socket = TestClient.connect(ws("wsreader"));
				SseTestClient stream = SseTestClient.connect(
						URI.create("http://localhost:" + this.port + "/realtime/sse?room=api-news"), null)) {
			socket.subscribe("api-news");
			stream.next("subscribed");
			JsonNode published = api().call("publish",
					"{\"room\":\"api-news\",\"event\":\"update\",\"data\":{\"headline\":\"hello\"}}");
			assertThat(published.path("room").asString()).isEqualTo("api-news");
			assertThat(published.path("offset").asLong()).isEqualTo(1);
			assertThat(published.path("epoch").asString()).isNotEmpty();
			JsonNode message = socket.nextMessage();
			assertThat(message.path("event").asString()).isEqualTo("update");
			assertThat(message.path("data").path("headline").asString()).isEqualTo("hello");
			assertThat(message.path("offset").asLong()).isEqualTo(1);
			SseTestClient.Event event = stream.next("update");
			assertThat(event.json().path("data").path("headline").asString()).isEqualTo("hello");
			// Without an event name, a message.
			api().call("publish", "{\"room\":\"api-news\",\"data\":2}");
			assertThat(socket.nextMessage().path("event").asString()).isEqualTo("message");
		}
	}

	@Test
	void broadcastReachesEveryConnection() {
		try (TestClient one = TestClient.connect(ws("b1")); TestClient two = TestClient.connect(ws("b2"))) {
			await().until(() -> this.hub.onlineUsers().containsAll(List.of("b1", "b2")));
			assertThat(api().call("broadcast", "{\"event\":\"system\",\"data\":\"maintenance\"}").isEmpty()).isTrue();
			for (TestClient client : List.of(one, two)) {
				JsonNode message = client.nextMessage();
				assertThat(message.path("event").asString()).isEqualTo("system");
				assertThat(message.path("data").asString()).isEqualTo("maintenance");
			}
		}
	}

	@Test
	void sendReachesEveryConnectionOfAUserOrOneConnection() {
		try (TestClient phone = TestClient.connect(ws("sam")); TestClient laptop = TestClient.connect(ws("sam"));
				TestClient other = TestClient.connect(ws("tess"))) {
			await().until(() -> this.hub.room("user:sam").size() == 2);
			JsonNode sent = api().call("send", "{\"user\":\"sam\",\"event\":\"notification\",\"data\":{\"title\":\"hi\"}}");
			assertThat(sent.path("room").asString()).isEqualTo("user:sam");
			assertThat(phone.nextMessage().path("data").path("title").asString()).isEqualTo("hi");
			assertThat(laptop.nextMessage().path("data").path("title").asString()).isEqualTo("hi");
			String tess = Hubs.connectionOf(this.hub, "tess").id();
			assertThat(api().call("send", "{\"connection\":\"" + tess + "\",\"data\":\"just you\"}").path("connection")
				.asString()).isEqualTo(tess);
			assertThat(other.nextMessage().path("data").asString()).isEqualTo("just you");
			assertThat(phone.pollMessage(Duration.ofMillis(300).toNanos())).isNull();
		}
	}

	@Test
	void disconnectClosesAUsersConnectionsOrOneConnection() {
		try (TestClient first = TestClient.connect(ws("dora")); TestClient second = TestClient.connect(ws("dora"));
				TestClient single = TestClient.connect(ws("finn"))) {
			await().until(() -> this.hub.room("user:dora").size() == 2);
			JsonNode answer = api().call("disconnect", "{\"user\":\"dora\",\"reason\":\"banned\"}");
			assertThat(answer.path("user").asString()).isEqualTo("dora");
			assertThat(answer.path("code").asInt()).isEqualTo(CloseCodes.DISCONNECTED);
			assertThat(first.closeStatus().code()).isEqualTo(CloseCodes.DISCONNECTED);
			assertThat(second.closeStatus().reasonText()).isEqualTo("banned");
			String finn = Hubs.connectionOf(this.hub, "finn").id();
			api().call("disconnect", "{\"connection\":\"" + finn + "\",\"code\":4100}");
			assertThat(single.closeStatus().code()).isEqualTo(4100);
		}
	}

	@Test
	void presenceListsTheRoomsClientsAndCountsThem() {
		try (TestClient a = TestClient.connect(ws("pam")); TestClient b = TestClient.connect(ws("pam"));
				TestClient c = TestClient.connect(ws("quin"))) {
			for (TestClient client : List.of(a, b, c)) {
				client.subscribe("api-lobby");
			}
			JsonNode presence = api().call("presence", "{\"room\":\"api-lobby\"}");
			assertThat(presence.path("room").asString()).isEqualTo("api-lobby");
			assertThat(presence.path("connections").asInt()).isEqualTo(3);
			assertThat(presence.path("users").asInt()).isEqualTo(2);
			assertThat(presence.path("clients").valueStream().map((client) -> client.path("user").asString()))
				.containsExactlyInAnyOrder("pam", "pam", "quin");
			assertThat(presence.path("clients").get(0).path("connection").asString()).isNotEmpty();
		}
	}

	@Test
	void historyAnswersThePublicationsAfterAPositionOrTheNewest() {
		for (int i = 1; i <= 30; i++) {
			this.hub.publish("api-history", Event.message(i)).block();
		}
		JsonNode newest = api().call("history", "{\"room\":\"api-history\",\"limit\":5}");
		assertThat(newest.path("offset").asLong()).isEqualTo(30);
		assertThat(newest.has("recovered")).isFalse();
		assertThat(newest.path("publications").valueStream().map((p) -> p.path("offset").asLong()))
			.containsExactly(26L, 27L, 28L, 29L, 30L);
		JsonNode first = newest.path("publications").get(0);
		assertThat(first.path("type").asString()).isEqualTo("message");
		assertThat(first.path("room").asString()).isEqualTo("api-history");
		assertThat(first.path("data").asInt()).isEqualTo(26);
		String epoch = newest.path("epoch").asString();
		JsonNode since = api().call("history",
				"{\"room\":\"api-history\",\"since\":{\"offset\":27,\"epoch\":\"" + epoch + "\"}}");
		assertThat(since.path("recovered").asBoolean()).isTrue();
		assertThat(since.path("publications").valueStream().map((p) -> p.path("data").asInt())).containsExactly(28,
				29, 30);
		JsonNode otherEpoch = api().call("history",
				"{\"room\":\"api-history\",\"since\":{\"offset\":27,\"epoch\":\"gone\"}}");
		assertThat(otherEpoch.path("recovered").asBoolean()).isFalse();
		assertThat(otherEpoch.path("publications").isEmpty()).isTrue();
	}

	@Test
	void infoListsTheNodesAndThisNodesCounts() {
		try (TestClient client = TestClient.connect(ws("ivy"))) {
			await().until(() -> this.hub.onlineUsers().contains("ivy"));
			JsonNode info = api().call("info", "");
			assertThat(info.path("connections").asInt()).isPositive();
			assertThat(info.path("users").asInt()).isPositive();
			assertThat(info.path("nodes").size()).isEqualTo(1);
			assertThat(info.path("nodes").get(0).path("id").asString()).isNotEmpty();
			assertThat(info.path("nodes").get(0).path("heartbeat").asLong()).isPositive();
		}
	}

	@Test
	void everyOperationRefusesACallWithoutTheKeyOrWithAWrongOne() {
		try (TestClient client = TestClient.connect(ws("victim"))) {
			client.subscribe("guarded");
			for (String operation : ServerApi.OPERATIONS) {
				String body = "{\"room\":\"guarded\",\"user\":\"victim\",\"data\":1}";
				for (ApiClient caller : List.of(new ApiClient(this.port, null), new ApiClient(this.port, "wrong"),
						new ApiClient(this.port, KEY + "x"), new ApiClient(this.port, ""))) {
					ApiClient.Response refused = caller.post(operation, body);
					assertThat(refused.status()).as(operation).isEqualTo(401);
					assertThat(refused.error()).isEqualTo("unauthorized");
					assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValue("apikey");
				}
			}
			assertThat(client.pollMessage(Duration.ofMillis(300).toNanos())).as("nothing was published").isNull();
			assertThat(client.isOpen()).isTrue();
		}
	}

	@Test
	void theBodyIsReadAsJsonWhateverItsContentTypeAsCurlDashDSendsIt() {
		ApiClient.Response answer = api().send(api().request("publish")
			.setHeader("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("{\"room\":\"api-form\",\"data\":1}")));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("room").asString()).isEqualTo("api-form");
	}

	@Test
	void theKeyMayComeAsAnAuthorizationHeader() {
		ApiClient anonymous = new ApiClient(this.port, null);
		ApiClient.Response answer = anonymous
			.send(anonymous.request("info").header("Authorization", "apikey " + KEY).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(answer.status()).isEqualTo(200);
		ApiClient.Response wrong = anonymous
			.send(anonymous.request("info").header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(wrong.status()).isEqualTo(401);
	}

	@Test
	void badRequestsGet400WithAnErrorNamingTheProblem() {
		List<String[]> cases = new ArrayList<>();
		cases.add(new String[] { "publish", "{\"room\":", "malformed JSON" });
		cases.add(new String[] { "publish", "[1,2]", "JSON object" });
		cases.add(new String[] { "publish", "{\"data\":1}", "'room' is required" });
		cases.add(new String[] { "publish", "{\"room\":42}", "'room' must be a string" });
		cases.add(new String[] { "publish", "{\"room\":\"bad room\"}", "does not match" });
		cases.add(new String[] { "publish", "{\"room\":\"$broadcast\"}", "does not match" });
		cases.add(new String[] { "publish", "{\"room\":\"" + "r".repeat(129) + "\"}", "longer than 128" });
		cases.add(new String[] { "publish", "{\"room\":\"ok\",\"event\":\" \"}", "'event' must not be blank" });
		cases.add(new String[] { "publish", "{\"room\":\"ok\",\"data\":" + "[".repeat(40) + "]".repeat(40) + "}",
				"JSON too complex" });
		cases.add(new String[] { "send", "{\"data\":1}", "either 'user' or 'connection'" });
		cases.add(new String[] { "send", "{\"user\":\"a\",\"connection\":\"b\"}", "either 'user' or 'connection'" });
		cases.add(new String[] { "send", "{\"user\":\"no spaces\"}", "cannot name a personal room" });
		cases.add(new String[] { "disconnect", "{\"user\":\"a\",\"code\":1000}", "'code' must be an integer from 4000" });
		cases.add(new String[] { "disconnect", "{\"user\":\"a\",\"code\":\"4002\"}", "'code' must be an integer" });
		cases.add(new String[] { "presence", "{}", "'room' is required" });
		cases.add(new String[] { "history", "{\"room\":\"h\",\"limit\":501}", "'limit' must be an integer from 1 to 500" });
		cases.add(new String[] { "history", "{\"room\":\"h\",\"limit\":0}", "'limit' must be an integer from 1 to 500" });
		cases.add(new String[] { "history", "{\"room\":\"h\",\"since\":{\"offset\":-1,\"epoch\":\"e\"}}", "'since' must be" });
		cases.add(new String[] { "history", "{\"room\":\"h\",\"since\":\"yesterday\"}", "'since' must be" });
		for (String[] bad : cases) {
			ApiClient.Response refused = api().post(bad[0], bad[1]);
			assertThat(refused.status()).as("%s %s", bad[0], bad[1]).isEqualTo(400);
			assertThat(refused.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/json"));
			assertThat(refused.error()).isEqualTo("bad_request");
			assertThat(refused.json().path("message").asString()).as("%s %s", bad[0], bad[1]).contains(bad[2]);
		}
	}

	@Test
	void aBodyOverTheLimitGets413AndNothingIsPublished() {
		try (TestClient client = TestClient.connect(ws("bulk"))) {
			client.subscribe("api-bulk");
			String big = "{\"room\":\"api-bulk\",\"data\":\"" + "x".repeat(4096) + "\"}";
			ApiClient.Response refused = api().post("publish", big);
			assertThat(refused.status()).isEqualTo(413);
			assertThat(refused.error()).isEqualTo("too_large");
			// Sent in chunks, without a Content-Length to refuse it by: it is read up to the limit only.
			ApiClient.Response chunked = api().send(api().request("publish")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
			assertThat(chunked.status()).isEqualTo(413);
			assertThat(client.pollMessage(Duration.ofMillis(300).toNanos())).isNull();
			api().call("publish", "{\"room\":\"api-bulk\",\"data\":\"" + "x".repeat(1500) + "\"}");
			assertThat(client.nextMessage().path("data").asString()).hasSize(1500);
		}
	}

	@Test
	void unknownOperationsGet404AndOtherMethods405() {
		ApiClient.Response unknown = api().post("subscribe", "{}");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.error()).isEqualTo("not_found");
		assertThat(unknown.json().path("message").asString()).contains("publish, broadcast, send");
		ApiClient.Response get = api().send(api().request("publish").GET());
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.error()).isEqualTo("method_not_allowed");
		assertThat(get.raw().headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void theOpenApiDocumentParsesAndDescribesEveryOperation() {
		ApiClient.Response document = new ApiClient(this.port, null)
			.send(new ApiClient(this.port, null).request("openapi.json").GET());
		assertThat(document.status()).isEqualTo(200);
		JsonNode openApi = document.json();
		assertThat(openApi.path("openapi").asString()).startsWith("3.");
		assertThat(openApi.path("servers").get(0).path("url").asString()).isEqualTo("/realtime/api");
		for (String operation : ServerApi.OPERATIONS) {
			JsonNode post = openApi.path("paths").path("/" + operation).path("post");
			assertThat(post.isObject()).as(operation).isTrue();
			assertThat(post.path("operationId").asString()).isEqualTo(operation);
			assertThat(post.path("responses").has("200")).isTrue();
			assertThat(post.path("responses").has("401")).isTrue();
		}
		assertThat(openApi.path("paths").propertyNames()).hasSize(ServerApi.OPERATIONS.size());
		assertThat(openApi.path("components").path("securitySchemes").path("apiKey").path("name").asString())
			.isEqualTo("X-API-Key");
		// Every reference points at a component that exists.
		List<String> references = new ArrayList<>();
		collectReferences(openApi, references);
		assertThat(references).isNotEmpty();
		for (String reference : references) {
			assertThat(reference).startsWith("#/components/");
			assertThat(openApi.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
		}
	}

	private static void collectReferences(JsonNode node, List<String> references) {
		if (node.isObject() && node.has("$ref")) {
			references.add(node.path("$ref").asString());
		}
		node.values().forEach((child) -> collectReferences(child, references));
	}

}
