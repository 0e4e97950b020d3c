package dev.realtime.samples.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * One headless Chromium showing one page, with its own empty profile.
 * <p>
 * Started with the flags this machine's closed network needs: without those that stop
 * background networking, Chromium keeps calling hosts it cannot reach.
 */
public final class Browser implements AutoCloseable {

	/** Debian's {@code chromium} package. */
	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/** Debian's {@code chromium-driver} package, of the same version as the browser. */
	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	// Selenium warns at every start that it has no DevTools (CDP) support for this Chromium
	// version: these tests use WebDriver only, so the warning is noise. Held: JUL keeps loggers
	// weakly, and a collected logger forgets its level.
	private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools", "org.openqa.selenium.chromium")
		.map(Logger::getLogger)
		.peek((logger) -> logger.setLevel(Level.SEVERE))
		.toList();

	private boolean closed;

	private final Path profile;

	private final ChromeDriver driver;

	Browser() {
		try {
			this.profile = Files.createTempDirectory("chromium-profile");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1024,900", "--user-data-dir=" + this.profile);
		// Keeps the page's console for the report of a failed test.
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		// Given the driver's path, Selenium never looks for (or downloads) one of its own.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	/** Loads {@code url} and waits for it to be loaded. */
	public Browser open(String url) {
		this.driver.get(url);
		return this;
	}

	public WebElement find(String cssSelector) {
		return this.driver.findElement(By.cssSelector(cssSelector));
	}

	public List<WebElement> findAll(String cssSelector) {
		return this.driver.findElements(By.cssSelector(cssSelector));
	}

	/** The visible text of the element {@code cssSelector}, or "" when there is none. */
	public String text(String cssSelector) {
		List<String> texts = texts(cssSelector);
		return texts.isEmpty() ? "" : texts.get(0);
	}

	/**
	 * The visible texts of every element {@code cssSelector}, in document order: read in one
	 * script, so that a page re-rendering meanwhile cannot leave a stale element in between.
	 */
	@SuppressWarnings("unchecked")
	public List<String> texts(String cssSelector) {
		return List.copyOf((List<String>) ((JavascriptExecutor) this.driver).executeScript(
				"return Array.from(document.querySelectorAll(arguments[0]),"
						+ " (e) => e.checkVisibility() ? e.innerText.replace(/[ \\t\\u00a0]+/g, ' ').trim() : '')",
				cssSelector));
	}

	/** Replaces the value of the input {@code cssSelector} with {@code value}. */
	public Browser type(String cssSelector, String value) {
		WebElement input = find(cssSelector);
		input.clear();
		input.sendKeys(value);
		return this;
	}

	public Browser click(String cssSelector) {
		find(cssSelector).click();
		return this;
	}

	/** Runs {@code script} in the page and returns what it returns. */
	public @Nullable Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/**
	 * Runs {@code body}, the body of an async function of {@code args}, in the page and returns
	 * what it resolves to: JSON values as maps, lists, strings, numbers and booleans. A rejection
	 * fails with its reason.
	 */
	public @Nullable Object await(String body, Object... arguments) {
		String script = """
				const done = arguments[arguments.length - 1];
				const args = Array.from(arguments).slice(0, -1);
				(async (args) => { %s })(args).then((value) => done({ value }),
						(error) => done({ error: String(error?.stack ?? JSON.stringify(error)) }));
				""".formatted(body);
		Map<?, ?> outcome = (Map<?, ?>) ((JavascriptExecutor) this.driver).executeAsyncScript(script, arguments);
		if (outcome.containsKey("error")) {
			throw new IllegalStateException("The page's script failed: " + outcome.get("error"));
		}
		return outcome.get("value");
	}

	/** Writes a screenshot, the page's HTML and its console to {@code directory/name.*}. */
	void saveTo(Path directory, String name) throws IOException {
		Files.createDirectories(directory);
		Files.write(directory.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
		Files.writeString(directory.resolve(name + ".html"), this.driver.getPageSource(), StandardCharsets.UTF_8);
		List<String> console = this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::toString)
			.toList();
		Files.write(directory.resolve(name + ".console.txt"), console, StandardCharsets.UTF_8);
	}

	/** Quits the browser, as a person closing it would; closing it again does nothing. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A profile left in the temporary directory harms nothing.
		}
	}

}
