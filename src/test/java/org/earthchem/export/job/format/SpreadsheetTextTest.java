package org.earthchem.export.job.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetTextTest {

	@Test
	void ordinaryTextIsUnchanged() {
		String text = "=SUM(A1) é 中文 🌋\ttab\r\nline _x";
		assertThat(SpreadsheetText.encode(text)).isSameAs(text);
	}

	@Test
	void controlCharactersXmlCannotHoldAreEscaped() {
		assertThat(SpreadsheetText.encode("a\u0001b\u001Fc")).isEqualTo("a_x0001_b_x001F_c");
	}

	@Test
	void aLiteralEscapeHasItsUnderscoreEscaped() {
		assertThat(SpreadsheetText.encode("id_x0041_")).isEqualTo("id_x005F_x0041_");
	}

	@Test
	void anUnpairedSurrogateIsEscaped() {
		assertThat(SpreadsheetText.encode("a\uD800b")).isEqualTo("a_xD800_b");
	}

}
