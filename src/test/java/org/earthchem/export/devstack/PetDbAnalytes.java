package org.earthchem.export.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** The PetDB analyte catalogue (179 per material) and how each analyte's numbers are written. */
final class PetDbAnalytes {

	static final String[] MATERIALS = { "whole_rock", "glass", "mineral", "inclusion" };

	/** Analyte slots per material: 4 materials x 179 analytes x 4 leaves = 2,864 chemistry leaves. */
	static final int PER_MATERIAL = 179;

	static final String MAJOR = "major";

	static final String TRACE = "trace";

	static final String ISOTOPE = "isotope";

	static final String VOLATILE = "volatile";

	static final String NOBLE_GAS = "noble_gas";

	private static final String[] PGE = { "Ru", "Rh", "Pd", "Re", "Os", "Ir", "Pt", "Au" };

	private static final String[] TRACE_ELEMENTS = { "La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er",
			"Tm", "Yb", "Lu", "Li", "Be", "B", "Sc", "Ti", "V", "Cr", "Mn", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se",
			"Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Ag", "Cd", "In", "Sn", "Sb", "Te", "Cs", "Ba", "Hf", "Ta", "W", "Hg",
			"Tl", "Pb", "Bi", "Th", "U", "K", "P" };

	// after the name arrays: static fields initialise in declaration order
	static final List<Analyte> ALL = catalogue();

	private PetDbAnalytes() {
	}

	private static List<Analyte> catalogue() {
		List<Analyte> all = new ArrayList<>();
		oxide(all, "SiO2", 38, 77);
		oxide(all, "TiO2", 0.05, 3.5);
		oxide(all, "Al2O3", 1, 20);
		oxide(all, "Fe2O3", 0.5, 5);
		oxide(all, "FeO", 2, 12);
		oxide(all, "FeOT", 1, 15);
		oxide(all, "MnO", 0.05, 0.3);
		oxide(all, "MgO", 0.1, 45);
		oxide(all, "CaO", 0.5, 14);
		oxide(all, "Na2O", 0.5, 5);
		oxide(all, "K2O", 0.01, 5);
		oxide(all, "P2O5", 0.01, 0.8);
		oxide(all, "Cr2O3", 0.001, 1);
		oxide(all, "NiO", 0.001, 0.4);
		// loss on ignition goes negative when iron oxidises during heating
		oxide(all, "LOI", -0.8, 5);
		for (String element : TRACE_ELEMENTS) {
			all.add(new Analyte(TRACE, element, "ppm", Kind.TRACE, 0.01, 2000, 0));
		}
		for (String element : PGE) {
			all.add(new Analyte(TRACE, element, "ppb", Kind.TRACE, 0.005, 50, 0));
		}
		ratio(all, "Sr87_Sr86", 0.7022, 0.7065, 6);
		ratio(all, "Nd143_Nd144", 0.51270, 0.51325, 6);
		ratio(all, "Pb206_Pb204", 17.5, 20.5, 3);
		ratio(all, "Pb207_Pb204", 15.4, 15.7, 3);
		ratio(all, "Pb208_Pb204", 37.2, 40.5, 3);
		ratio(all, "Pb207_Pb206", 0.78, 0.89, 5);
		ratio(all, "Pb208_Pb206", 1.95, 2.15, 5);
		ratio(all, "Hf176_Hf177", 0.28280, 0.28335, 6);
		ratio(all, "Os187_Os188", 0.12, 0.20, 4);
		ratio(all, "Th230_Th232", 0.8, 1.5, 3);
		ratio(all, "U234_U238", 0.99, 1.15, 4);
		ratio(all, "Ra226_Th230", 1.0, 3.0, 2);
		delta(all, "eNd", "epsilon", -5, 12);
		delta(all, "eHf", "epsilon", -5, 20);
		delta(all, "d18O", "permil", 4.5, 7);
		delta(all, "d7Li", "permil", -3, 8);
		delta(all, "d11B", "permil", -12, 5);
		delta(all, "d34S", "permil", -3, 5);
		delta(all, "d13C", "permil", -30, -3);
		delta(all, "dD", "permil", -120, -40);
		for (String gas : new String[] { "He3", "He4", "Ne20", "Ne21", "Ne22", "Ar36", "Ar38", "Ar40", "Kr84", "Xe129",
				"Xe130", "Xe132" }) {
			all.add(new Analyte(NOBLE_GAS, gas, "ccSTP/g", Kind.NOBLE, 1e-13, 1e-4, 0));
		}
		all.add(new Analyte(NOBLE_GAS, "R_Ra", "R/Ra", Kind.RATIO, 1, 30, 2));
		all.add(new Analyte(VOLATILE, "H2O", "wt%", Kind.OXIDE, 0.05, 2, 0));
		all.add(new Analyte(VOLATILE, "CO2", "ppm", Kind.TRACE, 10, 800, 0));
		all.add(new Analyte(VOLATILE, "S", "ppm", Kind.TRACE, 50, 1800, 0));
		all.add(new Analyte(VOLATILE, "Cl", "ppm", Kind.TRACE, 5, 3000, 0));
		all.add(new Analyte(VOLATILE, "F", "ppm", Kind.TRACE, 20, 1200, 0));
		// real names run out before the slots do; the rest are systematic placeholders (always after the real ones)
		for (int k = 1; all.size() < PER_MATERIAL; k++) {
			all.add(new Analyte(TRACE, String.format(Locale.ROOT, "REE_X%02d", k), "ppm", Kind.TRACE, 0.01, 500, 0));
		}
		return List.copyOf(all);
	}

	private static void oxide(List<Analyte> all, String name, double low, double high) {
		all.add(new Analyte(MAJOR, name, "wt%", Kind.OXIDE, low, high, 0));
	}

	private static void ratio(List<Analyte> all, String name, double low, double high, int scale) {
		all.add(new Analyte(ISOTOPE, name, "ratio", Kind.RATIO, low, high, scale));
	}

	private static void delta(List<Analyte> all, String name, String unit, double low, double high) {
		all.add(new Analyte(ISOTOPE, name, unit, Kind.DELTA, low, high, 0));
	}

	/** The real analytes of a group; placeholders are left out so documents mostly hold real chemistry. */
	static List<Analyte> real(String group) {
		return ALL.stream().filter((analyte) -> analyte.group().equals(group) && !analyte.placeholder()).toList();
	}

	static List<Analyte> placeholders() {
		return ALL.stream().filter(Analyte::placeholder).toList();
	}

	/** How an analyte's numbers look. */
	enum Kind {

		/** wt% with 2 or 3 decimals, trailing zeros kept: 45.20, 0.100. */
		OXIDE,
		/** concentrations over orders of magnitude: 1234, 12.30, 0.045, 4.2e-3. */
		TRACE,
		/** isotope ratios at a fixed precision: 0.702830. */
		RATIO,
		/** signed delta and epsilon values: -2.3, 8.15. */
		DELTA,
		/** tiny gas amounts, always in exponent form: 1.5e-7, 2.31E-9. */
		NOBLE

	}

	/** One analyte slot; {@code scale} is the decimals of a ratio. */
	record Analyte(String group, String name, String unit, Kind kind, double low, double high, int scale) {

		boolean placeholder() {
			return this.name.startsWith("REE_X");
		}

		/** A measured value and its standard deviation, as number text. */
		String[] reading(SplittableRandom random) {
			return switch (this.kind) {
				case OXIDE -> {
					double value = random.nextDouble(this.low, this.high);
					int decimals = (random.nextInt(5) == 0) ? 3 : 2;
					yield new String[] { NumberText.fixed(value, decimals),
							NumberText.fixed(Math.max(0.01, Math.abs(value) * random.nextDouble(0.005, 0.03)), decimals) };
				}
				case TRACE -> {
					double value = NumberText.logUniform(random, this.low, this.high);
					yield new String[] { NumberText.concentration(value, random),
							NumberText.concentration(value * random.nextDouble(0.02, 0.08), random) };
				}
				case RATIO -> {
					double value = random.nextDouble(this.low, this.high);
					double stdev = value * random.nextDouble(5e-6, 5e-5);
					String fixed = NumberText.fixed(stdev, this.scale + 2);
					// a fixed form that rounds to zero would claim a perfect measurement
					boolean exponent = random.nextBoolean() || fixed.matches("[0.]+");
					yield new String[] { NumberText.fixed(value, this.scale),
							exponent ? NumberText.exponent(stdev, 1, random) : fixed };
				}
				case DELTA -> new String[] { NumberText.fixed(random.nextDouble(this.low, this.high), 1 + random.nextInt(2)),
						NumberText.fixed(random.nextDouble(0.05, 0.5), 2) };
				case NOBLE -> {
					double value = NumberText.logUniform(random, this.low, this.high);
					yield new String[] { NumberText.exponent(value, 1 + random.nextInt(2), random),
							NumberText.exponent(value * random.nextDouble(0.01, 0.1), 1, random) };
				}
			};
		}

	}

}
