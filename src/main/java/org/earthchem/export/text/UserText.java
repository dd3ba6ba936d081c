package org.earthchem.export.text;

import java.util.Locale;

/**
 * Text a user gave (a search's {@code q}, parameter names and values) made safe for one line of a log or a mail:
 * control characters, line and paragraph separators and bidirectional overrides are written as escapes, so such
 * text can neither start a forged line or mail header nor reorder what is shown around it.
 */
public final class UserText {

	private UserText() {
	}

	/**
	 * The text with {@code \n}, {@code \r} and {@code \t} written as such, every other control character (C0, DEL,
	 * C1), U+2028/U+2029 and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) as
	 * {@code \}{@code uXXXX}; everything else unchanged (a backslash too: it cannot break a line, and the text stays
	 * readable). Null stays null.
	 */
	public static String escapeControls(String text) {
		if (text == null || text.chars().noneMatch(UserText::needsEscape)) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (needsEscape(c)) {
						escaped.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	private static boolean needsEscape(int c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
				|| (c >= 0x2066 && c <= 0x2069);
	}

}
