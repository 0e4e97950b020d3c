package dev.realtime.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's two URLs on a running server, through the JDK's HTTP client.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "realtime.websocket.ping-interval=7s", "realtime.sse.path=/events",
				"realtime.client.max-backoff=12s" })
class RealtimeClientIntegrationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesTheScriptAsAJavaScriptModuleThatBrowsersRevalidate() throws Exception {
		HttpResponse<String> script = get("/realtime/client.js", null);
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=UTF-8");
		assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(script.body()).isEqualTo(
				new ClassPathResource("META-INF/realtime/client.js").getContentAsString(StandardCharsets.UTF_8));
		assertThat(script.body()).contains("export function connect(");
		String etag = script.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> again = get("/realtime/client.js", etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.headers().firstValue("ETag")).hasValue(etag);

		assertThat(get("/realtime/client.js", "\"stale\"").statusCode()).isEqualTo(200);
	}

	@Test
	void answersHeadLikeAStaticResource() throws Exception {
		HttpResponse<Void> head = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/realtime/client.js"))
					.method("HEAD", HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=UTF-8");
		assertThat(head.headers().firstValue("ETag")).isPresent();
	}

	@Test
	void tellsClientsWhereToConnectAndHowToReconnect() throws Exception {
		HttpResponse<String> response = get("/realtime/config", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.body()).startsWith("{\"websocket\":{\"url\":");
		JsonNode config = JsonMapper.builder().build().readTree(response.body());
		assertThat(config.at("/websocket/url").asString()).isEqualTo("ws://localhost:" + this.port + "/realtime/ws");
		assertThat(config.at("/websocket/pingInterval").asLong()).isEqualTo(7000);
		assertThat(config.at("/sse/url").asString()).isEqualTo("http://localhost:" + this.port + "/events");
		assertThat(config.at("/sse/heartbeatInterval").asLong()).isEqualTo(15000);
		assertThat(config.at("/reconnect/initialBackoff").asLong()).isEqualTo(1000);
		assertThat(config.at("/reconnect/maxBackoff").asLong()).isEqualTo(12000);
	}

	private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
