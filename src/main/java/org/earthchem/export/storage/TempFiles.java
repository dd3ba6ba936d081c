package org.earthchem.export.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.google.crypto.tink.Aead;
import org.earthchem.export.task.TaskIds;

/**
 * The work folder of each running export, where its parts are written, encrypted under the task's own data key,
 * before they are uploaded.
 */
public class TempFiles {

	private final Path root;

	private final Aead masterKey;

	/**
	 * @param root the folder that holds one work folder per running export
	 * @param masterKey Base64 of the 32-byte key that wraps each export's data key
	 */
	public TempFiles(Path root, String masterKey) {
		this.root = root.toAbsolutePath();
		this.masterKey = MasterKey.aead(masterKey);
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

	/** The cipher for the task's temporary files. */
	public TaskCipher cipherFor(String taskId) {
		return TaskCipher.forFolder(folderFor(taskId), this.masterKey, taskId);
	}

	/** Removes the task's work folder and everything in it. */
	public void delete(String taskId) {
		deleteTree(this.root.resolve(TaskIds.requireSafe(taskId)));
	}

	/** Removes a folder and everything in it. */
	public static void deleteTree(Path folder) {
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
