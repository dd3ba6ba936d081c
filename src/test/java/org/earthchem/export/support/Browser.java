package org.earthchem.export.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system's packages ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}), driven by
 * Selenium; nothing is downloaded at test time. Downloads land in a folder of the test's own; screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

	public static final Path CHROMIUM = Path.of(System.getProperty("export.chromium", "/usr/bin/chromium"));

	public static final Path CHROMEDRIVER = Path.of(System.getProperty("export.chromedriver", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path downloads;

	/** Whether this machine has the browser (CI installs it; set EXPORT_REQUIRE_BROWSER=1 to fail without it). */
	public static boolean available() {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present && "1".equals(System.getenv("EXPORT_REQUIRE_BROWSER"))) {
			throw new IllegalStateException("Chromium and ChromeDriver are required: apt-get install chromium chromium-driver");
		}
		return present;
	}

	public Browser(Path downloads, int width, int height) {
		this.downloads = downloads;
		try {
			Files.createDirectories(downloads);
			Files.createDirectories(SCREENSHOTS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=" + width + "," + height);
		Map<String, Object> prefs = new HashMap<>();
		prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
		prefs.put("download.prompt_for_download", false);
		prefs.put("safebrowsing.enabled", false);
		options.setExperimentalOption("prefs", prefs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void open(String url) {
		this.driver.get(url);
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
		// the console re-renders as answers arrive: an element seen a moment ago may have been replaced
		return new WebDriverWait(this.driver, timeout, Duration.ofMillis(100))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(condition);
	}

	/** Waits until the element is there and visible. */
	public WebElement awaitVisible(String css) {
		return await(Duration.ofSeconds(20), (d) -> d.findElements(By.cssSelector(css))
			.stream()
			.filter(WebElement::isDisplayed)
			.findFirst()
			.orElse(null));
	}

	/** A screenshot of the page as it is, to {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		Path file = SCREENSHOTS.resolve(name + ".png");
		try {
			Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/** The file once Chromium has finished downloading it. */
	public Path awaitDownload(String name) {
		Path file = this.downloads.resolve(name);
		await(Duration.ofSeconds(30), (d) -> Files.exists(file) && !Files.exists(this.downloads.resolve(name + ".crdownload"))
				? Boolean.TRUE : null);
		return file;
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
