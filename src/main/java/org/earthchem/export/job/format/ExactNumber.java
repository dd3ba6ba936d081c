package org.earthchem.export.job.format;

/** A number that a spreadsheet cell receives as the document's own text ({@code 45.20}, {@code 1.5e-7}). */
final class ExactNumber extends Number {

	private static final long serialVersionUID = 1L;

	private final String text;

	ExactNumber(String text) {
		this.text = text;
	}

	@Override
	public int intValue() {
		return (int) doubleValue();
	}

	@Override
	public long longValue() {
		return (long) doubleValue();
	}

	@Override
	public float floatValue() {
		return (float) doubleValue();
	}

	@Override
	public double doubleValue() {
		return Double.parseDouble(this.text);
	}

	/** The text the XLSX writer puts in the cell: JSON number syntax is valid {@code xsd:double}. */
	@Override
	public String toString() {
		return this.text;
	}

}
