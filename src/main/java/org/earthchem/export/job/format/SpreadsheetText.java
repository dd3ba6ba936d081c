package org.earthchem.export.job.format;

/**
 * Text as a spreadsheet cell holds it exactly. XML cannot carry most control characters, which the XLSX writer would
 * drop, so they are written as OOXML's {@code _xHHHH_} escapes; a literal {@code _xHHHH_} in the text gets its
 * underscore escaped ({@code _x005F_}) so that readers do not decode it. Readers of XLSX (Excel, Apache POI) undo both.
 */
public final class SpreadsheetText {

	/** The most characters a spreadsheet cell holds. */
	public static final int MAX_CELL_LENGTH = 32_767;

	private SpreadsheetText() {
	}

	static String encode(String text) {
		if (!needsEscapes(text)) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		int i = 0;
		while (i < text.length()) {
			int codePoint = text.codePointAt(i);
			int width = Character.charCount(codePoint);
			if (!isXmlChar(codePoint)) {
				// an unpaired surrogate is one char: escaped alone
				out.append(String.format("_x%04X_", (int) text.charAt(i)));
				i++;
				continue;
			}
			if (codePoint == '_' && isEscapeAt(text, i)) {
				out.append("_x005F_");
			}
			else {
				out.appendCodePoint(codePoint);
			}
			i += width;
		}
		return out.toString();
	}

	private static boolean needsEscapes(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				// a pair: one character beyond the basic plane, which XML holds
				i++;
				continue;
			}
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || c >= 0xFFFE
					|| (c == '_' && isEscapeAt(text, i))) {
				return true;
			}
		}
		return false;
	}

	/** Whether {@code _xHHHH_} starts at {@code i}. */
	private static boolean isEscapeAt(String text, int i) {
		if (i + 7 > text.length() || text.charAt(i + 1) != 'x' || text.charAt(i + 6) != '_') {
			return false;
		}
		for (int j = i + 2; j < i + 6; j++) {
			if (Character.digit(text.charAt(j), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isXmlChar(int c) {
		return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
				|| (c >= 0x10000 && c <= 0x10FFFF);
	}

}
