package dev.realtime.samples.ticker;

import java.time.Duration;
import java.util.List;

import dev.realtime.samples.browser.Browser;
import dev.realtime.samples.browser.Browsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ticker page in headless Chromium, on the browser's own {@code EventSource}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TickerBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@LocalServerPort
	int port;

	@Test
	void thePricesOnThePageKeepChanging() {
		Browser page = this.browsers.open("http://localhost:" + this.port + "/");
		await().atMost(PATIENCE).until(() -> page.text("#status").equals("live"));
		await().atMost(PATIENCE).until(() -> page.findAll("#prices tr").size() >= 2);
		List<String> first = page.texts("#prices tr");
		assertThat(first).allMatch((row) -> row.matches("[A-Z]+ \\d+\\.\\d\\d"));

		await().atMost(PATIENCE).until(() -> !page.texts("#prices tr").equals(first));
		assertThat(page.texts("#prices tr .price"))
			.allMatch((price) -> Double.parseDouble(price) >= 10 && Double.parseDouble(price) <= 500);
		// A price marked up or down was updated on the page, not only shown for the first time.
		await().atMost(PATIENCE).until(() -> !page.findAll("#prices td.up, #prices td.down").isEmpty());
	}

}
