package org.earthchem.export.bench;

/**
 * One measured run.
 *
 * @param seconds wall time: for an export from the request to {@code Succeeded}
 * @param rows rows (documents) read or written
 * @param bytes bytes received (the floor) or written to files (an export)
 * @param files files written, 0 for the floor
 * @param peakHeap largest heap in use sampled during the run in bytes, -1 when not sampled
 * @param peakLiveHeap largest live set after a collection during the run in bytes, -1 when none was reported
 * @param cpu CPU seconds of the service JVM and of OpenSearch during the run, null when not measured
 */
record Measurement(double seconds, long rows, long bytes, int files, long peakHeap, long peakLiveHeap,
		CpuMeter.Reading cpu) {

	Measurement(double seconds, long rows, long bytes, int files, long peakHeap, long peakLiveHeap) {
		this(seconds, rows, bytes, files, peakHeap, peakLiveHeap, null);
	}

	double rowsPerSecond() {
		return this.rows / this.seconds;
	}

	double megabytesPerSecond() {
		return this.bytes / 1e6 / this.seconds;
	}

}
