package dev.realtime.samples.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's actuator: a Prometheus scrape shows the realtime series, the analytics gauges
 * among them, by event type, and every series the repository's Grafana dashboard charts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardActuatorTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aScrapeShowsTheRealtimeAndAnalyticsSeries() throws Exception {
		await().until(() -> scrape().contains("realtime_analytics_events{type=\"page_view\"}"));
		assertThat(scrape()).contains("realtime_analytics_page_views ", "realtime_analytics_unique_visitors ",
				"realtime_analytics_active_users ", "realtime_messages_published_total ", "realtime_connections{");
		assertThat(scrape()).doesNotContain("realtime_analytics_page_views NaN");
	}

	/**
	 * Every series the Grafana dashboard in the repository queries is one the starter exports,
	 * so that no panel stays empty for a misspelt name. Counters with tags register at their first
	 * count: an error frame and a refused stream make those appear; a dropped frame needs a slow
	 * consumer, and that counter is checked by name against the code's.
	 */
	@Test
	void theGrafanaDashboardQueriesOnlySeriesTheStarterExports() throws Exception {
		String dashboard = Files.readString(Path.of("../../grafana/realtime-dashboard.json"));
		Set<String> queried = new TreeSet<>();
		Matcher names = Pattern.compile("realtime_[a-z_]+").matcher(dashboard);
		while (names.find()) {
			queried.add(names.group());
		}
		assertThat(queried).hasSizeGreaterThan(15);
		WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/realtime/ws"), new WebSocket.Listener() {
			})
			.join();
		socket.sendText("{\"type\":\"no-such-type\"}", true).join();
		assertThat(this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/realtime/sse")).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
		await().until(() -> scrape().contains("realtime_errors_total{"));
		String scrape = scrape();
		Set<String> missing = new TreeSet<>();
		for (String name : queried) {
			if (!scrape.contains(name + " ") && !scrape.contains(name + "{")) {
				missing.add(name);
			}
		}
		assertThat(missing).containsOnly("realtime_messages_dropped_total");
		assertThat(Files.readString(Path.of(
				"../../realtime-spring-boot-autoconfigure/src/main/java/dev/realtime/autoconfigure/metrics/MicrometerRealtimeMetrics.java")))
			.contains("\"realtime.messages.dropped\"");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
