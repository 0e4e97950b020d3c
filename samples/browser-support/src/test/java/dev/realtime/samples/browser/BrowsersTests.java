package dev.realtime.samples.browser;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BrowsersTests {

	@Test
	void withoutChromiumABrowserTestFailsInCi() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> Browsers.requireChromium(false, "true"))
			.withMessageContaining("apt-get install chromium chromium-driver");
	}

	@Test
	void withoutChromiumABrowserTestIsSkippedOutsideCi() {
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> Browsers.requireChromium(false, null))
			.withMessageContaining("skipped because CI is not set");
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> Browsers.requireChromium(false, "false"));
	}

	@Test
	void withChromiumABrowserTestRuns() {
		assertThatCode(() -> Browsers.requireChromium(true, "true")).doesNotThrowAnyException();
		assertThatCode(() -> Browsers.requireChromium(true, null)).doesNotThrowAnyException();
	}

}
