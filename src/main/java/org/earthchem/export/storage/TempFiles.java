package org.earthchem.export.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.earthchem.export.task.TaskIds;

/** The work folder of each running export, where its parts are written before they are stored. */
public class TempFiles {

	private final Path root;

	public TempFiles(Path root) {
		this.root = root.toAbsolutePath();
	}

	/** The task's work folder (created on first use). */
	public Path folderFor(String taskId) {
		Path folder = this.root.resolve(TaskIds.requireSafe(taskId));
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not create work folder " + folder, ex);
		}
		return folder;
	}

	/** Removes the task's work folder and everything in it. */
	public void delete(String taskId) {
		deleteTree(this.root.resolve(TaskIds.requireSafe(taskId)));
	}

	static void deleteTree(Path folder) {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete " + folder, ex);
		}
	}

}
