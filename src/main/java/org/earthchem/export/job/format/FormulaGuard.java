package org.earthchem.export.job.format;

/** Keeps spreadsheets from running cell text as a formula (OWASP CSV injection). */
final class FormulaGuard {

	private FormulaGuard() {
	}

	static boolean needsGuard(String text) {
		if (text.isEmpty()) {
			return false;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

	static String guard(String text) {
		return "'" + text;
	}

}
