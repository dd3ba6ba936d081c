package org.earthchem.export.console;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.BrowserTest;
import org.earthchem.export.support.ServiceJvm;
import org.earthchem.export.support.TestStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's search form in real headless Chromium: what the user fills in is counted before the export starts
 * (the count and the canonical query shown), the export is started with that query, and a value the service refuses
 * is shown with the problem's message next to its input.
 */
class SearchFormBrowserTest extends BrowserTest {

	SearchFormBrowserTest() {
		super(1280, 1000);
	}

	@BeforeEach
	void openSearchFormOfPetDb() {
		openSearchFormOfPetDb(baseUrl());
	}

	private void openSearchFormOfPetDb(String serviceUrl) {
		signIn(serviceUrl, ALL_KEY);
		this.browser.await(Duration.ofSeconds(10),
				(d) -> new Select(d.findElement(By.id("export-source"))).getOptions().size() > 1 ? Boolean.TRUE : null);
		new Select(this.browser.find("#export-source")).selectByValue("petdb");
		this.browser.awaitVisible("input[data-param='material']");
	}

	private WebElement input(String parameter) {
		return this.browser.awaitVisible("input[data-param='" + parameter + "']");
	}

	private WebElement corner(String corner) {
		return this.browser.awaitVisible("fieldset[data-param='bbox'] input[data-corner='" + corner + "']");
	}

	private void addTags(String parameter, String... values) {
		WebElement entry = input(parameter);
		for (String value : values) {
			entry.sendKeys(value, Keys.ENTER);
		}
	}

	private long countByApi(String query) {
		return http(ALL_KEY).get()
			.uri("/api/v1/sources/petdb/count?" + query)
			.retrieve()
			.body(JsonNode.class)
			.path("matchedRows")
			.asLong();
	}

	/** Waits until the form has counted this query (no count under way) and returns the rows it shows. */
	private long awaitCountOf(String canonicalQuery) {
		return awaitCountOf(canonicalQuery, Duration.ofSeconds(20));
	}

	private long awaitCountOf(String canonicalQuery, Duration timeout) {
		return this.browser.await(timeout, (d) -> {
			WebElement count = d.findElement(By.id("export-count"));
			if (count.getDomAttribute("aria-busy") != null
					|| !d.findElement(By.id("export-query")).getText().equals(canonicalQuery)) {
				return null;
			}
			return count.findElements(By.cssSelector(".count-rows"))
				.stream()
				.map((rows) -> Long.valueOf(rows.getDomAttribute("data-rows")))
				.findFirst()
				.orElse(null);
		});
	}

	private String newestTaskId() {
		JsonNode items = http(ALL_KEY).get().uri("/api/v1/exports?limit=1").retrieve().body(JsonNode.class).path("items");
		return items.isEmpty() ? null : items.get(0).path("taskId").asString();
	}

	/** Starts the export and returns its task once the service has recorded it, finished. */
	private JsonNode startAndAwaitTask() {
		String before = newestTaskId();
		this.browser.find("#export-submit").click();
		String taskId = await().atMost(Duration.ofSeconds(10))
			.until(this::newestTaskId, (id) -> id != null && !Objects.equals(id, before));
		return awaitFinished(ALL_KEY, taskId);
	}

	/**
	 * Waits until the form shows the count of the canonical query, checks it is what the API counts for the query
	 * (some rows, not all) and returns it.
	 */
	private long assertCountShown(String canonicalQuery, String query) {
		long shown = awaitCountOf(canonicalQuery);
		assertThat(shown).isEqualTo(countByApi(query)).isBetween(1L, TestStack.PETDB_DOCUMENTS - 1L);
		return shown;
	}

	/** Starts the export and checks it ran the canonical query and wrote the rows the form showed. */
	private void assertExportedAsShown(String canonicalQuery, long shown) {
		JsonNode task = startAndAwaitTask();
		assertThat(task.path("query").asString()).isEqualTo(canonicalQuery);
		assertThat(task.path("progress").path("rowsWritten").asLong()).isEqualTo(shown);
	}

	/** Types a bounding box into the four corner inputs. */
	private void enterBbox(String west, String south, String east, String north) {
		corner("west").sendKeys(west);
		corner("south").sendKeys(south);
		corner("east").sendKeys(east);
		corner("north").sendKeys(north);
	}

	@Test
	void aRangeIsCountedBeforeStartingAndTheExportHasItsCanonicalQuery() {
		input("sio2.min").sendKeys("45");
		input("sio2.max").sendKeys("52");
		addTags("columns", "sample_id");

		long shown = assertCountShown("columns=sample_id&sio2.max=52&sio2.min=45",
				"sio2.min=45&sio2.max=52&columns=sample_id");
		this.browser.screenshot("11-search-form-range");

		assertExportedAsShown("columns=sample_id&sio2.max=52&sio2.min=45", shown);
	}

	@Test
	void termValuesAreCountedBeforeStartingAndTheExportHasItsCanonicalQuery() {
		addTags("material", "rock", "glass");
		addTags("columns", "sample_id");
		assertThat(this.browser.find("input[data-param='material']")
			.findElements(By.xpath("preceding-sibling::ul/li[contains(@class,'tag')]"))).hasSize(2);

		long shown = assertCountShown("columns=sample_id&material=glass,rock", "material=rock,glass&columns=sample_id");

		assertExportedAsShown("columns=sample_id&material=glass,rock", shown);
	}

	@Test
	void aBoundingBoxIsCountedBeforeStartingAndTheExportHasItsCanonicalQuery() {
		enterBbox("-180", "-90", "0", "90");
		addTags("columns", "sample_id");

		long shown = assertCountShown("bbox=-180,-90,0,90&columns=sample_id", "bbox=-180,-90,0,90&columns=sample_id");

		assertExportedAsShown("bbox=-180,-90,0,90&columns=sample_id", shown);
	}

	@Test
	void aValueTheServiceRefusesShowsTheProblemsMessageNextToItsInput() {
		input("sio2.min").sendKeys("60");
		input("sio2.max").sendKeys("40");

		WebElement error = this.browser.await(Duration.ofSeconds(20),
				(d) -> d.findElements(By.cssSelector("[data-error-for='sio2.max']"))
					.stream()
					.filter((e) -> !e.getText().isBlank())
					.findFirst()
					.orElse(null));
		this.browser.screenshot("12-search-form-problem");

		assertThat(error.getText()).isEqualTo("must not be less than sio2.min");
		assertThat(input("sio2.max").getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(input("sio2.max").getDomAttribute("aria-describedby")).contains(error.getDomAttribute("id"));
		assertThat(input("sio2.min").getDomAttribute("aria-invalid")).isNull();
		assertThat(this.browser.find("#export-count").getText()).contains("Fix the marked fields");
	}

	@Test
	void aCountRefusedByTheRateLimitIsShownAndDoneAgainOnceTheServiceAllowsIt() throws Exception {
		// a service of its own that allows three searches at once, then one every ten seconds
		Map<String, String> settings = ServiceJvm.settings("console-rate-limit");
		settings.put("export.rate-limit.requests-per-minute", "6");
		settings.put("export.rate-limit.burst", "3");
		try (ServiceJvm service = new ServiceJvm(settings,
				Path.of("target", "console-rate-limit-service.log").toAbsolutePath()).withApiKey(ALL_KEY).awaitReady()) {
			openSearchFormOfPetDb(service.baseUrl());
			// whatever the form counted so far, the owner's searches are used up now, the next one six seconds or more
			// away: time enough for the form to count before it
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
				HttpResponse<String> count = service.send("GET", "/api/v1/sources/petdb/count");
				return count.statusCode() == 429
						&& Long.parseLong(count.headers().firstValue("Retry-After").orElseThrow()) >= 6;
			});

			addTags("material", "glass");

			WebElement waiting = this.browser.await(Duration.ofSeconds(10),
					(d) -> d.findElement(By.id("export-count")).getText().contains("Too many searches")
							? d.findElement(By.id("export-count")) : null);
			assertThat(waiting.getText()).matches("Too many searches in a short time: counting again in \\d+ s\\.");
			// no click, no key: the form counts again when the service said it may
			long shown = awaitCountOf("material=glass", Duration.ofSeconds(30));
			assertThat(shown).isEqualTo(countByApi("material=glass")).isPositive();
		}
	}

	@Test
	void startingASearchTheServiceRefusesShowsTheProblemAndQueuesNothing() {
		String before = newestTaskId();
		enterBbox("10", "-100", "20", "30");

		this.browser.find("#export-submit").click();

		WebElement problem = this.browser.awaitVisible("#error .error-list");
		assertThat(problem.getText()).contains("bbox").contains("latitudes between -90 and 90");
		assertThat(this.browser.find("fieldset[data-param='bbox'] [data-error-for='bbox']").getText())
			.contains("latitudes between -90 and 90");
		assertThat(corner("south").getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(newestTaskId()).isEqualTo(before);
	}

}
