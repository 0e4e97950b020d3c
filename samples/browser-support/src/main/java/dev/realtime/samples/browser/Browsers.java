package dev.realtime.samples.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Opens browsers for a test and closes them after it; when the test failed, first saves each
 * one's screenshot, HTML and console under {@code target/browser-failures/}. Register it on an
 * instance field:
 * <pre>{@code
 * @RegisterExtension
 * final Browsers browsers = new Browsers();
 * }</pre>
 * Without Debian's {@code chromium} and {@code chromium-driver}, a test fails when {@code CI}
 * is {@code true} (a browser test that silently skips in CI would hide every failure it
 * exists to catch), and is skipped with how to install them otherwise.
 */
public final class Browsers implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

	private static final Path FAILURES = Path.of("target", "browser-failures");

	private final List<Browser> open = new ArrayList<>();

	/** A new browser showing {@code url}. */
	public Browser open(String url) {
		Browser browser = new Browser();
		this.open.add(browser);
		return browser.open(url);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		requireChromium(Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER),
				System.getenv("CI"));
	}

	/** Fails without Chromium when {@code ci} is {@code true}, else skips; passes with it. */
	static void requireChromium(boolean installed, @Nullable String ci) {
		if (installed) {
			return;
		}
		String missing = "Browser tests need " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER
				+ ": apt-get install chromium chromium-driver";
		if ("true".equalsIgnoreCase(ci)) {
			throw new IllegalStateException(missing);
		}
		throw new TestAbortedException(missing + " (skipped because CI is not set)");
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		if (context.getExecutionException().isEmpty()) {
			return;
		}
		String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
		for (int i = 0; i < this.open.size(); i++) {
			try {
				this.open.get(i).saveTo(FAILURES, test + "-" + (i + 1));
			}
			catch (IOException | RuntimeException ex) {
				// A browser that crashed has nothing to show: the test's own failure matters more.
				System.err.println("No screenshot of browser " + (i + 1) + " of " + test + ": " + ex);
			}
		}
		System.err.println("Browser screenshots of " + test + " are in " + FAILURES.toAbsolutePath());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.open.forEach(Browser::close);
		this.open.clear();
	}

}
