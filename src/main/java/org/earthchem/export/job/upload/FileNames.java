package org.earthchem.export.job.upload;

/**
 * The names and object keys of an export's files: {@code <taskId>.csv} when the plan holds one file, else
 * {@code <taskId>-part-001.csv}, {@code <taskId>-part-002.csv}, …
 *
 * @param folder the key prefix of the task's objects, ending in '/'
 * @param files the number of files the plan holds
 */
public record FileNames(String taskId, String folder, String extension, int files) {

	/** The file count of {@code rows} rows at most {@code maxRowsPerFile} a file (an empty export is one file). */
	public static int fileCount(long rows, long maxRowsPerFile) {
		return (int) Math.max(1, (rows + maxRowsPerFile - 1) / maxRowsPerFile);
	}

	String name(int number) {
		return (this.files == 1 && number == 1) ? this.taskId + "." + this.extension
				: String.format("%s-part-%03d.%s", this.taskId, number, this.extension);
	}

	public String key(int number) {
		return this.folder + name(number);
	}

}
