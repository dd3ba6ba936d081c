package org.earthchem.export.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** User-given text is written with its control, separator and bidi characters escaped, and nothing else changed. */
class UserTextTest {

	@Test
	void lineBreaksAndTabsAreWrittenAsBackslashEscapes() {
		assertThat(UserText.escapeControls("basalt\r\nBcc: x@evil\tend")).isEqualTo("basalt\\r\\nBcc: x@evil\\tend");
	}

	@Test
	void otherControlCharactersAndDeleteAreWrittenAsUnicodeEscapes() {
		assertThat(UserText.escapeControls("a\u0000b\u001bc\u007fd\u0085e")).isEqualTo("a\\u0000b\\u001Bc\\u007Fd\\u0085e");
	}

	@Test
	void lineAndParagraphSeparatorsAreWrittenAsUnicodeEscapes() {
		assertThat(UserText.escapeControls("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
	}

	@Test
	void everyBidiEmbeddingOverrideAndIsolateIsWrittenAsAUnicodeEscape() {
		assertThat(UserText.escapeControls("\u202a\u202b\u202c\u202d\u202e|\u2066\u2067\u2068\u2069"))
			.isEqualTo("\\u202A\\u202B\\u202C\\u202D\\u202E|\\u2066\\u2067\\u2068\\u2069");
	}

	@Test
	void printableTextIncludingAccentsSymbolsAndBackslashesIsUnchanged() {
		String text = "olivine basalt, SiO₂ ≥ 45 — Ørsted \"a\\-b\" 玄武岩 \u200f";

		assertThat(UserText.escapeControls(text)).isSameAs(text);
	}

	@Test
	void nullStaysNull() {
		assertThat(UserText.escapeControls(null)).isNull();
	}

}
