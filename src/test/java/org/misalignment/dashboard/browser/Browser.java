package org.misalignment.dashboard.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium through Selenium, with the binary and driver of the machine (nothing
 * is downloaded). Tests that need it are skipped where Chromium is not installed;
 * {@code .ci/run} installs it.
 */
public final class Browser implements AutoCloseable {

	/**
	 * Chromium: {@code -Dbrowser.chromium=PATH} (or {@code BROWSER_CHROMIUM}), else
	 * Debian's.
	 */
	private static final Path CHROMIUM = Path.of(setting("browser.chromium", "BROWSER_CHROMIUM", "/usr/bin/chromium"));

	/**
	 * Its driver: {@code -Dbrowser.chromedriver=PATH} (or {@code BROWSER_CHROMEDRIVER}),
	 * else Debian's.
	 */
	private static final Path CHROMEDRIVER = Path
		.of(setting("browser.chromedriver", "BROWSER_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private final ChromeDriver driver;

	private Browser(ChromeDriver driver) {
		this.driver = driver;
	}

	/** Starts a fresh headless Chromium with a profile of its own under target/. */
	public static Browser start() throws IOException {
		return start(null);
	}

	/**
	 * Starts one whose interface and {@code Accept-Language} are {@code language} (as
	 * {@code zh-CN}), or the machine's when null.
	 */
	public static Browser start(String language) throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
		assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER);
		Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target", "browser-profiles")),
				"chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
		if (language != null) {
			options.addArguments("--lang=" + language);
			options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
		}
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver);
	}

	private static String setting(String property, String variable, String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(variable);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

	public WebDriver driver() {
		return this.driver;
	}

	/** Runs a script in the page and returns its result. */
	public Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	/**
	 * Saves a screenshot as target/screenshots/NAME.png, to look at what a reader sees.
	 */
	public Path screenshot(String name) throws IOException {
		Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
		Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		return file;
	}

	/**
	 * Messages the page wrote to the console at SEVERE level: script errors and CSP
	 * violations.
	 */
	public List<String> severeConsoleMessages() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
