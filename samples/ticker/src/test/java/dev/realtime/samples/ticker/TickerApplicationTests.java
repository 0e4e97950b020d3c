package dev.realtime.samples.ticker;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticker as a browser's {@code EventSource} sees it, through the JDK's HTTP client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TickerApplicationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesThePage() throws Exception {
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri("/index.html")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).contains("new EventSource('/realtime/sse?room=ticker')");
	}

	@Test
	void theStartersEndpointStreamsPriceUpdates() throws Exception {
		List<String> lines = firstLines("/realtime/sse?room=ticker", null, "event: update", 3);
		// The compact resume token: the room's offset in base 36, a dash, its epoch's first characters.
		assertThat(lines).anyMatch((line) -> line.matches("id: [0-9a-z]+-[0-9a-z]{1,6}"));
		assertThat(lines).anyMatch((line) -> line.startsWith("data: {\"type\":\"message\",\"room\":\"ticker\""));
		assertThat(lines).anyMatch((line) -> line.contains("\"symbol\":"));
	}

	@Test
	void theControllersOwnStreamCarriesTheSamePricesAndResumesFromLastEventId() throws Exception {
		List<String> lines = firstLines("/prices", null, "event: update", 2);
		assertThat(lines).anyMatch((line) -> line.startsWith("data: {\"type\":\"message\",\"room\":\"ticker\""));
		String lastId = lastId(lines);
		long lastOffset = Long.parseLong(lastId.substring(0, lastId.indexOf('-')), 36);
		// Reconnecting as EventSource does: what was published meanwhile comes first, in order.
		List<String> resumed = firstLines("/prices", lastId, "event: update", 1);
		assertThat(resumed).anyMatch((line) -> line.startsWith("data: {") && line.contains("\"recovered\":true"));
		assertThat(resumed.get(resumed.size() - 1)).contains("\"offset\":" + (lastOffset + 1) + ",");
	}

	private static String lastId(List<String> lines) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).startsWith("id: ")) {
				return lines.get(i).substring(4);
			}
		}
		throw new AssertionError("no id in " + lines);
	}

	/**
	 * The stream's lines, resumed from {@code lastEventId} unless {@code null}, up to the
	 * {@code count}-th line equal to {@code marker} and its data.
	 */
	private List<String> firstLines(String path, String lastEventId, String marker, int count) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			int seen = 0;
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
				if (line.equals(marker) && ++seen == count) {
					lines.add(reader.readLine());
					return lines;
				}
			}
		}
		throw new AssertionError("stream ended after " + lines);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
