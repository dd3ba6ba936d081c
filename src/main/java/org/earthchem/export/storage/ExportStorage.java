package org.earthchem.export.storage;

import java.io.InputStream;
import java.nio.file.Path;

/** Where finished export files are kept and served from. */
public interface ExportStorage {

	/** Stores a finished part under the task and returns where it is kept. The source file may be moved. */
	StoredFile store(String taskId, String name, Path file);

	/** Opens a stored file for reading. */
	InputStream open(String location);

	/** Removes every stored file of a task. */
	void deleteAll(String taskId);

}
