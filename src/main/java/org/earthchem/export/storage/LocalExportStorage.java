package org.earthchem.export.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.earthchem.export.task.TaskIds;

/** Keeps finished files in a folder of this node. */
class LocalExportStorage implements ExportStorage {

	private final Path root;

	LocalExportStorage(Path root) {
		this.root = root.toAbsolutePath();
	}

	@Override
	public StoredFile store(String taskId, String name, Path file) {
		Path folder = this.root.resolve(TaskIds.requireSafe(taskId));
		Path target = folder.resolve(name).normalize();
		if (!target.startsWith(folder)) {
			throw new IllegalArgumentException("file name leaves the task's folder: " + name);
		}
		try {
			Files.createDirectories(folder);
			Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return new StoredFile(this.root.relativize(target).toString(), Files.size(target));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not store " + name + " of task " + taskId, ex);
		}
	}

	@Override
	public InputStream open(String location) {
		Path path = this.root.resolve(location).normalize();
		if (!path.startsWith(this.root)) {
			throw new IllegalArgumentException("location outside storage: " + location);
		}
		try {
			return Files.newInputStream(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not open stored file " + location, ex);
		}
	}

	@Override
	public void deleteAll(String taskId) {
		TempFiles.deleteTree(this.root.resolve(TaskIds.requireSafe(taskId)));
	}

}
