package org.earthchem.export.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.Browser;
import org.earthchem.export.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in real headless Chromium: a user signs in, starts an export, watches it succeed, downloads it and
 * reads it back; a user cancels a running export; an operator restarts a failed execution and sees it succeed.
 * Screenshots of each page go to {@code target/screenshots/}.
 */
class ConsoleBrowserTest extends BrowserTest {

	ConsoleBrowserTest() {
		super(1280, 900);
	}

	private void startExport(String source, String parameters, String format) {
		this.browser.awaitVisible("#export-source");
		this.browser.await(Duration.ofSeconds(10),
				(d) -> new Select(d.findElement(By.id("export-source"))).getOptions().size() > 0 ? Boolean.TRUE : null);
		new Select(this.browser.find("#export-source")).selectByValue(source);
		// the query typed by hand, as a portal user pastes it: the form's advanced option
		WebElement advanced = this.browser.find("#advanced-mode");
		if (!advanced.isSelected()) {
			advanced.click();
		}
		WebElement params = this.browser.awaitVisible("#export-params");
		params.clear();
		params.sendKeys(parameters);
		new Select(this.browser.find("#export-format")).selectByValue(format);
		this.browser.find("#export-submit").click();
	}

	/**
	 * Waits until the task's row shows the status, pressing Refresh every two seconds (a refresh supersedes the one
	 * before it, so pressing it faster would keep any answer from showing).
	 */
	private void awaitRowStatus(String taskId, String status) {
		String css = "#exports tr[data-task-id='" + taskId + "'] .status";
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (true) {
			this.browser.find("#refresh").click();
			try {
				this.browser.await(Duration.ofSeconds(2), (d) -> d.findElements(By.cssSelector(css))
					.stream()
					.anyMatch((e) -> e.getText().trim().equals(status)) ? Boolean.TRUE : null);
				return;
			}
			catch (org.openqa.selenium.TimeoutException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
			}
		}
	}

	private WebElement row(String taskId, String css) {
		return this.browser.find("#exports tr[data-task-id='" + taskId + "'] " + css);
	}

	private String newestTaskId(String apiKey) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> {
			JsonNode items = http(apiKey).get().uri("/api/v1/exports?limit=1").retrieve().body(JsonNode.class)
				.path("items");
			return items.isEmpty() ? null : items.get(0).path("taskId").asString();
		}, java.util.Objects::nonNull);
	}

	@Test
	void aUserSignsInStartsAnExportWatchesItSucceedAndDownloadsTheFile() throws Exception {
		signIn(ALL_KEY);
		this.browser.screenshot("01-my-exports");
		assertThat(this.browser.find("#who").getText()).contains("demo-all");
		assertThat(this.browser.find("#nav-operator").isDisplayed()).isFalse();

		startExport("petdb", "material=glass&columns=sample_id,igsn", "csv");
		String taskId = newestTaskId(ALL_KEY);
		awaitRowStatus(taskId, "Succeeded");
		this.browser.screenshot("02-export-succeeded");
		String fileName = taskId + ".csv";
		row(taskId, "a.download").click();
		Path file = this.browser.awaitDownload(fileName);

		JsonNode task = task(ALL_KEY, taskId);
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		assertThat(lines.get(0)).isEqualTo("igsn,sample_id");
		assertThat(lines).hasSize(1 + task.path("progress").path("rowsWritten").asInt());
		assertThat(Files.size(file)).isEqualTo(task.path("files").get(0).path("bytes").asLong());

		row(taskId, "button.show-events").click();
		this.browser.awaitVisible("#events li.event"); // not the "Loading events…" placeholder
		assertThat(this.browser.find("#events").getText()).contains("FILE_STORED").contains("DOWNLOAD_LINK_ISSUED");
		assertThat(this.browser.find("#task-summary").getText()).contains("Succeeded").contains("columns=igsn,sample_id&material=glass");
		((org.openqa.selenium.JavascriptExecutor) this.browser.driver())
			.executeScript("arguments[0].scrollIntoView({block: 'start'});", this.browser.find("#events"));
		this.browser.screenshot("03-task-events");
	}

	@Test
	void aUserCancelsARunningExport() {
		stack().proxy().throttle(200_000);
		signIn(ALL_KEY);

		startExport("petdb", "material=rock,glass,mineral", "json");
		String taskId = newestTaskId(ALL_KEY);
		awaitRowStatus(taskId, "Processing");
		this.browser.screenshot("04-export-running");
		row(taskId, "button.cancel").click();
		awaitRowStatus(taskId, "Cancelled");

		assertThat(task(ALL_KEY, taskId).path("status").asString()).isEqualTo("Cancelled");
		this.browser.screenshot("05-export-cancelled");
	}

	@Test
	void anOperatorFindsAFailedExecutionRestartsItAndSeesItSucceed() {
		// an export that fails for good: the bucket is out of reach for all of its attempts
		stack().s3Proxy().cut();
		String taskId = requestExport(OPERATOR_KEY, "petdb", "material=inclusion,glass&columns=sample_id&fileType=json")
			.getBody().path("taskId").asString();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
			.until(() -> task(OPERATOR_KEY, taskId), (t) -> t.path("status").asString().equals("Failed")
					&& t.path("attempts").asInt() == 3);
		stack().s3Proxy().restore();
		long failed = http(OPERATOR_KEY).get().uri("/api/v1/admin/executions?limit=500").retrieve().body(JsonNode.class)
			.valueStream()
			.filter((e) -> taskId.equals(e.path("taskId").asString()))
			.mapToLong((e) -> e.path("id").asLong())
			.max()
			.orElseThrow();

		signIn(OPERATOR_KEY);
		this.browser.find("#nav-operator").click();
		this.browser.awaitVisible("#execution-status");
		new Select(this.browser.find("#execution-status")).selectByValue("FAILED");
		this.browser.find("#execution-refresh").click();
		WebElement row = this.browser.await(Duration.ofSeconds(20),
				(d) -> d.findElements(By.cssSelector("#executions tr[data-execution-id='" + failed + "']"))
					.stream()
					.findFirst()
					.orElse(null));
		assertThat(row.findElement(By.cssSelector(".status")).getText().trim()).isEqualTo("FAILED");
		this.browser.screenshot("06-operator-executions");
		row.findElement(By.cssSelector("button.show-execution")).click();
		this.browser.await(Duration.ofSeconds(20),
				(d) -> d.findElement(By.id("detail-status")).getText().trim().equals("FAILED") ? Boolean.TRUE : null);
		this.browser.awaitVisible("#steps");
		this.browser.screenshot("07-operator-execution-detail");

		this.browser.find("#restart").click();
		this.browser.awaitVisible("#confirm-yes").click();

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			this.browser.find("#execution-refresh").click();
			return this.browser.find("#detail-status").getText().trim();
		}, "COMPLETED"::equals);
		assertThat(task(OPERATOR_KEY, taskId).path("status").asString()).isEqualTo("Succeeded");
		this.browser.screenshot("08-operator-restarted");
		assertThat(this.browser.find("#queue").isDisplayed()).isTrue();
		assertThat(this.browser.find("#throughput").isDisplayed()).isTrue();
	}

	@Test
	void theConsoleIsReadableOnAPhone() {
		this.browser.close();
		this.browser = new Browser(this.downloads, 390, 844);
		signIn(OPERATOR_KEY);
		this.browser.screenshot("09-phone-my-exports");
		this.browser.find("#nav-operator").click();
		this.browser.awaitVisible("#executions");
		this.browser.screenshot("10-phone-operator");

		Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) this.browser.driver())
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow).as("no sideways scrolling of the page").isLessThanOrEqualTo(0L);
	}

}
