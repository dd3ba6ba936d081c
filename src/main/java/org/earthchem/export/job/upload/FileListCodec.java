package org.earthchem.export.job.upload;

import java.util.ArrayList;
import java.util.List;

import org.earthchem.export.task.ExportFile;

/** Stored files in a job's execution context: one line each, fields separated by tabs. */
public final class FileListCodec {

	private FileListCodec() {
	}

	static String encode(List<ExportFile> files) {
		StringBuilder text = new StringBuilder();
		for (ExportFile file : files) {
			text.append(file.name()).append('\t').append(file.rows()).append('\t').append(file.bytes()).append('\t')
				.append(file.sha256()).append('\t').append(file.location()).append('\n');
		}
		return text.toString();
	}

	public static List<ExportFile> decode(String text) {
		List<ExportFile> files = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (!line.isBlank()) {
				String[] f = line.split("\t", 5);
				files.add(ExportFile.stored(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4]));
			}
		}
		return files;
	}

}
