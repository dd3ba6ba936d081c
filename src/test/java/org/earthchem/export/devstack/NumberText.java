package org.earthchem.export.devstack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * Writes numbers as the varied text real submissions contain: fixed decimals that keep trailing zeros
 * ({@code 45.20}), integers and exponent forms ({@code 1.5e-7}, {@code 2.31E+3}).
 */
final class NumberText {

	private NumberText() {
	}

	/** {@code value} with exactly {@code scale} decimals, trailing zeros kept; BigDecimal avoids binary noise. */
	static String fixed(double value, int scale) {
		String text = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
		// "-0.00" is legal JSON but reads as a generator bug
		return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
	}

	/** {@code value} in scientific notation with the given mantissa decimals; case and '+' vary with the random. */
	static String exponent(double value, int decimals, SplittableRandom random) {
		if (value == 0) {
			return "0.0";
		}
		int exp = (int) Math.floor(Math.log10(Math.abs(value)));
		BigDecimal mantissa = BigDecimal.valueOf(value / Math.pow(10, exp)).setScale(decimals, RoundingMode.HALF_UP);
		if (mantissa.abs().compareTo(BigDecimal.TEN) >= 0) {
			// rounding carried into a new digit (9.99 -> 10.0)
			mantissa = mantissa.movePointLeft(1).setScale(decimals, RoundingMode.HALF_UP);
			exp++;
		}
		boolean upper = random.nextInt(3) == 0;
		String sign = (exp >= 0 && random.nextBoolean()) ? "+" : "";
		return mantissa.toPlainString() + (upper ? "E" : "e") + sign + exp;
	}

	/** A positive measurement between {@code low} and {@code high}, spread evenly over orders of magnitude. */
	static double logUniform(SplittableRandom random, double low, double high) {
		return Math.exp(random.nextDouble(Math.log(low), Math.log(high)));
	}

	/**
	 * A concentration in a form that suits its size: integers for large values, 2 or 3 decimals otherwise
	 * and, now and then, exponent form for very large or small ones.
	 */
	static String concentration(double value, SplittableRandom random) {
		if (value >= 1000 && random.nextInt(4) == 0) {
			return exponent(value, 2, random);
		}
		if (value >= 100) {
			return (random.nextInt(4) == 0) ? fixed(value, 1) : fixed(value, 0);
		}
		if (value >= 1) {
			return fixed(value, 2);
		}
		// below 0.0005 three decimals would print 0.000
		if (value < 0.0005 || (value < 0.05 && random.nextInt(3) == 0)) {
			return exponent(value, 1 + random.nextInt(2), random);
		}
		return fixed(value, 3);
	}

}
