package org.earthchem.export.job.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Which values a spreadsheet holds as numbers and dates without changing them. A spreadsheet keeps 15 significant
 * digits, so a longer integer (an IGSN-like id, a 17-digit count) stays text; a date it can hold (1900 to 9999) is a
 * date, a date-time in UTC; every other value is text.
 */
final class SpreadsheetValues {

	/** Digits a spreadsheet keeps of a number. */
	static final int MAX_DIGITS = 15;

	private SpreadsheetValues() {
	}

	/** Whether the number (JSON text) is a numeric cell: not an integer of more than 15 digits, and finite. */
	static boolean isNumericCell(String number) {
		boolean integer = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
		if (integer && significantDigits(number) > MAX_DIGITS) {
			return false;
		}
		try {
			return Double.isFinite(Double.parseDouble(number));
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static int significantDigits(String integer) {
		int start = (integer.startsWith("-") || integer.startsWith("+")) ? 1 : 0;
		while (start < integer.length() - 1 && integer.charAt(start) == '0') {
			start++;
		}
		// every digit after the leading zeros counts: 10000000000000000 is shown 1E+16 by a spreadsheet
		return integer.length() - start;
	}

	/**
	 * The date or date-time a value of a {@code date} field stands for, as a spreadsheet holds it: a
	 * {@link LocalDate}, a {@link LocalDateTime} in UTC, or null when it is no ISO date of the years 1900 to 9999.
	 */
	static Object date(String text) {
		try {
			if (text.length() == 10) {
				return within(LocalDate.parse(text));
			}
			if (text.endsWith("Z") || text.lastIndexOf('+') > 9 || text.lastIndexOf('-') > 9) {
				return within(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
			}
			return within(LocalDateTime.parse(text));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Object within(LocalDate date) {
		return (date.getYear() >= 1900 && date.getYear() <= 9999) ? date : null;
	}

	private static Object within(LocalDateTime dateTime) {
		return (within(dateTime.toLocalDate()) != null) ? dateTime : null;
	}

}
