package org.earthchem.export.api;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.earthchem.export.storage.IssuedLink;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskStore;
import org.springframework.stereotype.Component;

/**
 * Keeps a task's audit trail bounded under repeated downloads: the downloads of one file by one caller within a
 * minute of the first are one {@code DOWNLOADED} event whose detail counts them, and a redirect within that minute
 * reuses the link issued for the first (no new {@code DOWNLOAD_LINK_ISSUED} event). Remembered on each node.
 */
@Component
class RepeatedDownloads {

	static final Duration WINDOW = Duration.ofMinutes(1);

	/** A reused link must still work this long after the redirect. */
	private static final Duration LINK_MARGIN = Duration.ofMinutes(5);

	private final TaskStore tasks;

	private final Cache<String, Downloads> recent = Caffeine.newBuilder()
		.expireAfterWrite(WINDOW)
		.maximumSize(100_000)
		.build();

	RepeatedDownloads(TaskStore tasks) {
		this.tasks = tasks;
	}

	/** Records a streamed download. */
	void streamed(String taskId, ExportFile file, String caller) {
		record(taskId, file, caller, file.name() + " by " + caller, null);
	}

	/** Records a redirect to the bucket; the link to redirect to, {@code issue}d unless a recent one still works. */
	IssuedLink redirected(String taskId, ExportFile file, String caller, Supplier<IssuedLink> issue) {
		Downloads recent = this.recent.getIfPresent(key(taskId, file, caller));
		IssuedLink link = (recent != null && recent.link() != null
				&& recent.link().expiresAt().isAfter(Instant.now().plus(LINK_MARGIN))) ? recent.link() : issue.get();
		record(taskId, file, caller, file.name() + " by " + caller + " (redirect to S3)", link);
		return link;
	}

	private void record(String taskId, ExportFile file, String caller, String detail, IssuedLink link) {
		String key = key(taskId, file, caller);
		Downloads recent = this.recent.getIfPresent(key);
		if (recent != null) {
			int times = recent.times().incrementAndGet();
			this.tasks.recountEvent(taskId, recent.eventKey(), times,
					recent.detail() + " (" + times + " downloads within a minute)");
			return;
		}
		String eventKey = this.tasks.recordEvent(taskId, TaskEventType.DOWNLOADED, detail);
		this.recent.put(key, new Downloads(eventKey, detail, link, new AtomicInteger(1)));
	}

	private static String key(String taskId, ExportFile file, String caller) {
		return taskId + '\n' + file.name() + '\n' + caller;
	}

	/** The first download's event and link, and how many downloads it counts. */
	private record Downloads(String eventKey, String detail, IssuedLink link, AtomicInteger times) {
	}

}
