package dev.realtime.samples.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications sample's actuator: a Prometheus scrape shows the realtime series, a refused
 * stream counted among them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsActuatorTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aScrapeShowsTheRealtimeSeriesAndARefusedStream() throws Exception {
		double refusedBefore = unauthorized();
		assertThat(send("/realtime/sse?room=user:alice&token=wrong").statusCode()).isEqualTo(401);
		HttpResponse<String> scrape = send("/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("realtime_connections{transport=\"sse\"}",
				"realtime_messages_published_total");
		assertThat(unauthorized()).isEqualTo(refusedBefore + 1);
		assertThat(send("/actuator/health").body()).contains("\"status\":\"UP\"");
	}

	/** Handshakes refused for their credentials so far, by the scrape. */
	private double unauthorized() throws Exception {
		String series = "realtime_limits_total{event=\"handshake.unauthorized\"} ";
		return send("/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(series))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length())))
			.findFirst()
			.orElseThrow();
	}

	private HttpResponse<String> send(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
