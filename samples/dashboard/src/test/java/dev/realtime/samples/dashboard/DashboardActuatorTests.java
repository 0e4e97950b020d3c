package dev.realtime.samples.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's actuator: a Prometheus scrape shows the realtime series, the analytics gauges
 * among them, by event type.
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

	private String scrape() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
