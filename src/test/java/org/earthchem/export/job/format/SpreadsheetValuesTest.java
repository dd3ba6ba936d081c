package org.earthchem.export.job.format;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetValuesTest {

	@Test
	void numbersOfAtMostFifteenDigitsAreNumericCells() {
		assertThat(SpreadsheetValues.isNumericCell("-3")).isTrue();
		assertThat(SpreadsheetValues.isNumericCell("45.20")).isTrue();
		assertThat(SpreadsheetValues.isNumericCell("1.5e-7")).isTrue();
		assertThat(SpreadsheetValues.isNumericCell("123456789012345")).isTrue();
		assertThat(SpreadsheetValues.isNumericCell("-000123456789012345")).isTrue();
	}

	@Test
	void integersOfMoreThanFifteenDigitsAreText() {
		assertThat(SpreadsheetValues.isNumericCell("1234567890123456")).isFalse();
		assertThat(SpreadsheetValues.isNumericCell("-12345678901234567")).isFalse();
	}

	@Test
	void numbersBeyondADoubleAreText() {
		assertThat(SpreadsheetValues.isNumericCell("1e400")).isFalse();
	}

	@Test
	void isoDatesAndDateTimesAreDatesInUtc() {
		assertThat(SpreadsheetValues.date("2021-03-04")).isEqualTo(LocalDate.of(2021, 3, 4));
		assertThat(SpreadsheetValues.date("2021-03-04T10:15:30.250Z")).isEqualTo(LocalDateTime.of(2021, 3, 4, 10, 15, 30, 250_000_000));
		assertThat(SpreadsheetValues.date("2021-03-04T10:15:30+02:00")).isEqualTo(LocalDateTime.of(2021, 3, 4, 8, 15, 30));
		assertThat(SpreadsheetValues.date("2021-03-04T10:15:30")).isEqualTo(LocalDateTime.of(2021, 3, 4, 10, 15, 30));
	}

	@Test
	void otherDateTextsAndDatesASpreadsheetCannotHoldStayText() {
		assertThat(SpreadsheetValues.date("2021")).isNull();
		assertThat(SpreadsheetValues.date("04/03/2021")).isNull();
		assertThat(SpreadsheetValues.date("1614816000000")).isNull();
		assertThat(SpreadsheetValues.date("1850-06-01")).isNull();
	}

}
