package org.earthchem.export.devstack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Shared vocabulary for the demo generators, including the awkward text (CSV and spreadsheet hazards,
 * control characters, non-ASCII) that exports must survive.
 */
final class SampleText {

	static final String[] ROCK_TYPES = { "basalt", "andesite", "peridotite", "gabbro", "dacite", "rhyolite",
			"harzburgite", "lherzolite", "dunite", "diabase", "trachyte", "picrite", "boninite", "basaltic andesite" };

	static final String[] AUTHORS = { "Langmuir, C.H.", "Klein, E.M.", "Müller, R.D.", "Lefèvre, C.",
			"Sigurðsson, H.", "Lehnert, K.", "Hofmann, A.W.", "Zindler, A.", "Hart, S.R.", "Kelley, K.A.",
			"Núñez, M.", "Ødegaard, T.", "张伟", "Sato, H.", "Dixon, J.E.", "O'Neill, H.St.C.", "Walker, D.",
			"Perfit, M.R.", "Hékinian, R.", "Stracke, A." };

	static final String[] AFFILIATIONS = { "Lamont-Doherty Earth Observatory, Columbia University",
			"Max-Planck-Institut für Chemie, Mainz", "Woods Hole Oceanographic Institution",
			"Université de Bretagne Occidentale, Brest", "Scripps Institution of Oceanography",
			"中国科学院地质与地球物理研究所", "GEOMAR Helmholtz Centre for Ocean Research Kiel",
			"University of Iceland, Reykjavík", "University of Florida", "Smithsonian Institution" };

	/** Strings that spreadsheets read as formulas or that break naive CSV/JSON handling. */
	static final String[] NASTY_NAMES = { "-12 dredge", "=1+2", "+5 basalt, glassy", "@ALV-1234",
			"Sample \"A\", chip 2", "Dredge 7\nrock 3", "Échantillon 12 ü 中文 🌋", "-0.5" };

	static final String[] NASTY_COMMENTS = { "=HYPERLINK(\"http://x\")", "line one\nline two, with comma",
			"Fresh glass, \"pristine\" rim;\r\nsee notes\ttab", "+1 vesicles 🌋 abundant", "@import from legacy DB",
			"-0.5 correction applied, see \"Table 2\"", "Échantillon frais, olivine abondante — 中文注释 🌋",
			"bell \u0007 and unit separator \u001f inside", "=cmd|' /C calc'!A0", "Quote at end\"" };

	static final String[] NASTY_TITLES = { "Melt inclusions from \"Pele's\" vent, Lō'ihi: H₂O, CO₂ and 🌋 degassing",
			"Géochimie des basaltes, ride Est-Pacifique\n(résumé)", "=Isotopes, \"Sr\" & Nd — 东太平洋海隆",
			"@risk: Pb–Pb ages, ±2σ, of Ödegaard seamount" };

	private static final long FIRST_DAY = LocalDate.of(1960, 1, 1).toEpochDay();

	private static final long LAST_DAY = LocalDate.of(2024, 12, 31).toEpochDay();

	private SampleText() {
	}

	static <T> T pick(SplittableRandom random, T[] choices) {
		return choices[random.nextInt(choices.length)];
	}

	/** {@code count} different entries of {@code choices}, in random order. */
	static List<String> pickDistinct(SplittableRandom random, String[] choices, int count) {
		List<String> pool = new ArrayList<>(List.of(choices));
		List<String> picked = new ArrayList<>(count);
		for (int k = 0; k < count && !pool.isEmpty(); k++) {
			picked.add(pool.remove(random.nextInt(pool.size())));
		}
		return picked;
	}

	/** A collection date between 1960-01-01 and 2024-12-31. */
	static LocalDate collected(SplittableRandom random) {
		return LocalDate.ofEpochDay(random.nextLong(FIRST_DAY, LAST_DAY + 1));
	}

	/** Varying decimal places, as coordinates arrive from GPS, charts and old dredge logs. */
	static String coordinate(SplittableRandom random, double low, double high) {
		return NumberText.fixed(random.nextDouble(low, high), 1 + random.nextInt(5));
	}

	/**
	 * Writes a geo_point in one of the three forms OpenSearch accepts: mostly {@code {"lat","lon"}}, sometimes
	 * the string {@code "lat,lon"} or the GeoJSON-order array {@code [lon, lat]}.
	 */
	static void point(JsonText json, SplittableRandom random) {
		String lat = coordinate(random, -80, 80);
		String lon = coordinate(random, -180, 180);
		int form = random.nextInt(10);
		json.name("point");
		if (form == 0) {
			json.string(lat + "," + lon);
		}
		else if (form == 1) {
			json.beginArray().number(lon).number(lat).endArray();
		}
		else {
			json.beginObject().numberField("lat", lat).numberField("lon", lon).endObject();
		}
	}

	/** A DOI in the style of the big geochemistry publishers. */
	static String doi(SplittableRandom random, int year) {
		return switch (random.nextInt(4)) {
			case 0 -> "10.1016/j.epsl." + year + "." + String.format(Locale.ROOT, "%02d.%03d", random.nextInt(1, 13), random.nextInt(1000));
			case 1 -> "10.1029/" + year + "GC" + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
			case 2 -> "10.1093/petrology/" + "eg" + String.format(Locale.ROOT, "%03d", random.nextInt(1000));
			default -> "10.1007/s00410-" + String.format(Locale.ROOT, "%03d-%04d-%d", year % 1000, random.nextInt(10000), random.nextInt(10));
		};
	}

}
