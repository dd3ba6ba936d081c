package org.earthchem.export.job.upload;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Counts the gzip members of a file, as a reader other than the service's sees them. */
public final class GzipMembers {

	private GzipMembers() {
	}

	/** Members of a file whose members have the plain 10-byte header Java writes. */
	public static int count(byte[] file) {
		int members = 0;
		int at = 0;
		byte[] sink = new byte[64 * 1024];
		while (at < file.length) {
			if ((file[at] & 0xff) != 0x1f || (file[at + 1] & 0xff) != 0x8b || file[at + 3] != 0) {
				throw new IllegalArgumentException("no plain gzip header at byte " + at);
			}
			Inflater inflater = new Inflater(true);
			inflater.setInput(file, at + 10, file.length - at - 10);
			try {
				while (!inflater.finished()) {
					inflater.inflate(sink);
				}
			}
			catch (DataFormatException ex) {
				throw new IllegalArgumentException("a member starting at byte " + at + " is damaged", ex);
			}
			at = file.length - inflater.getRemaining() + 8;
			inflater.end();
			members++;
		}
		return members;
	}

}
