package org.earthchem.export.devstack;

/**
 * A minimal JSON writer over a StringBuilder. Numbers are appended as the caller wrote them, so number
 * text such as {@code 45.20} or {@code 1.5e-7} reaches OpenSearch verbatim (a double would rewrite it).
 */
public final class JsonText {

	private final StringBuilder out;

	// one flag per open container: true until its first member is written, so commas go between members only
	private final boolean[] empty = new boolean[64];

	private int depth;

	private boolean afterName;

	JsonText(int capacity) {
		this.out = new StringBuilder(capacity);
	}

	JsonText beginObject() {
		beforeValue();
		this.out.append('{');
		this.empty[++this.depth] = true;
		return this;
	}

	JsonText endObject() {
		this.out.append('}');
		this.depth--;
		return this;
	}

	JsonText beginArray() {
		beforeValue();
		this.out.append('[');
		this.empty[++this.depth] = true;
		return this;
	}

	JsonText endArray() {
		this.out.append(']');
		this.depth--;
		return this;
	}

	JsonText name(String name) {
		beforeValue();
		quote(this.out, name);
		this.out.append(':');
		this.afterName = true;
		return this;
	}

	JsonText string(String value) {
		beforeValue();
		quote(this.out, value);
		return this;
	}

	/** Appends number text exactly as given; the caller is responsible for it being a valid JSON number. */
	JsonText number(String text) {
		beforeValue();
		this.out.append(text);
		return this;
	}

	JsonText bool(boolean value) {
		beforeValue();
		this.out.append(value);
		return this;
	}

	JsonText field(String name, String value) {
		return name(name).string(value);
	}

	JsonText numberField(String name, String text) {
		return name(name).number(text);
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	private void beforeValue() {
		if (this.afterName) {
			this.afterName = false;
			return;
		}
		if (this.depth > 0) {
			if (!this.empty[this.depth]) {
				this.out.append(',');
			}
			this.empty[this.depth] = false;
		}
	}

	/** Appends {@code value} as a JSON string literal: quotes, backslashes and control characters escaped. */
	static void quote(StringBuilder out, String value) {
		out.append('"');
		for (int k = 0; k < value.length(); k++) {
			char c = value.charAt(k);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	public static String quote(String value) {
		StringBuilder out = new StringBuilder(value.length() + 2);
		quote(out, value);
		return out.toString();
	}

}
