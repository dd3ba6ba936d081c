package org.earthchem.export.support;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of the tests that drive the console in headless Chromium: skipped where the browser is not installed, a new
 * browser of the given window size for each test (downloads into a folder of its own), and after the test a
 * screenshot of the page as the test left it ({@code last-<test method>}, to see what went wrong when it did).
 */
public abstract class BrowserTest extends IntegrationTest {

	@TempDir
	protected Path downloads;

	protected Browser browser;

	private final int width;

	private final int height;

	protected BrowserTest(int width, int height) {
		this.width = width;
		this.height = height;
	}

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Browser.available(), "Chromium is not installed (apt-get install chromium chromium-driver)");
	}

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.downloads, this.width, this.height);
	}

	@AfterEach
	void closeBrowser(TestInfo test) {
		if (this.browser != null) {
			this.browser.screenshot("last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
			this.browser.close();
		}
	}

	/** Opens the console and signs in with the API key. */
	protected void signIn(String key) {
		signIn(baseUrl(), key);
	}

	/** Opens the console of the service at this address and signs in with the API key. */
	protected void signIn(String serviceUrl, String key) {
		this.browser.open(serviceUrl + "/console/");
		this.browser.awaitVisible("#api-key").sendKeys(key);
		this.browser.find("#sign-in").click();
		this.browser.awaitVisible("#who");
	}

}
