package dev.realtime.samples.ticker;

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
 * The ticker's actuator: a Prometheus scrape shows the realtime series, the price feed's
 * publications counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TickerActuatorTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aScrapeShowsTheRealtimeSeriesAndThePricesPublished() throws Exception {
		await().until(() -> published() >= 2);
		assertThat(get("/actuator/prometheus")).contains("realtime_connections{transport=\"sse\"}",
				"realtime_delivery_latency_seconds_count");
		assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/metrics/realtime.messages.published")).contains("\"COUNT\"");
	}

	private double published() throws Exception {
		return get("/actuator/prometheus").lines()
			.filter((line) -> line.startsWith("realtime_messages_published_total "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
			.findFirst()
			.orElse(0);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
