package dev.realtime.samples.dashboard;

import java.time.Duration;

import dev.realtime.samples.browser.Browser;
import dev.realtime.samples.browser.Browsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page in headless Chromium, on the starter's JavaScript client: its chart is drawn
 * and keeps changing with the traffic, and its numbers count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@LocalServerPort
	int port;

	@Test
	void theChartUpdatesWithTheTraffic() {
		Browser page = this.browsers.open("http://localhost:" + this.port + "/");
		await().atMost(PATIENCE).until(() -> page.text("#status").equals("live"));
		await().atMost(PATIENCE).until(() -> points(page) >= 2);
		String drawn = chart(page);
		int pointsThen = points(page);
		await().atMost(PATIENCE).until(() -> points(page) > pointsThen);
		assertThat(chart(page)).isNotEqualTo(drawn);
		assertThat(number(page, "#page-views")).isPositive();
		assertThat(number(page, "#unique-visitors")).isPositive();
		assertThat(page.texts("#events td:first-child")).contains("page_view");
		// The page's own view, reported over the tracking endpoint.
		assertThat(page.text("#tracked")).isEqualTo("counted");
	}

	private static int points(Browser page) {
		return Integer.parseInt(page.find("#chart").getDomAttribute("data-points"));
	}

	private static String chart(Browser page) {
		return (String) page.script("return document.getElementById('chart').toDataURL()");
	}

	private static long number(Browser page, String selector) {
		return Long.parseLong(page.text(selector).replace(",", ""));
	}

}
