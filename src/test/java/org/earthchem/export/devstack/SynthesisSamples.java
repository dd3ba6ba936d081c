package org.earthchem.export.devstack;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.earthchem.export.devstack.MappingTree.Type;

/** Synthesis-shaped demo samples: 60 mapped leaves, 20-40 filled per document, document i from i alone. */
public final class SynthesisSamples {

	/** The generator seeding {@code synthesis-samples}. */
	public static final Generator GENERATOR = new Generator() {

		@Override
		public String mappingJson() {
			return SynthesisSamples.mappingJson();
		}

		@Override
		public String document(long i) {
			return SynthesisSamples.document(i);
		}

		@Override
		public String id(long i) {
			return SynthesisSamples.id(i);
		}

	};

	/** Name, unit, low, high; wt% oxides first, then ppm trace elements, then isotope ratios. */
	private static final Object[][] ANALYTES = { { "SiO2", "wt%", 38.0, 77.0 }, { "TiO2", "wt%", 0.05, 3.5 },
			{ "Al2O3", "wt%", 1.0, 20.0 }, { "FeOT", "wt%", 1.0, 15.0 }, { "MnO", "wt%", 0.05, 0.3 },
			{ "MgO", "wt%", 0.1, 45.0 }, { "CaO", "wt%", 0.5, 14.0 }, { "Na2O", "wt%", 0.5, 5.0 },
			{ "K2O", "wt%", 0.01, 5.0 }, { "P2O5", "wt%", 0.01, 0.8 }, { "H2O", "wt%", 0.05, 2.0 },
			{ "CO2", "ppm", 10.0, 800.0 }, { "La", "ppm", 0.05, 120.0 }, { "Ce", "ppm", 0.1, 250.0 },
			{ "Nd", "ppm", 0.1, 120.0 }, { "Sm", "ppm", 0.03, 25.0 }, { "Yb", "ppm", 0.01, 8.0 },
			{ "Rb", "ppm", 0.01, 300.0 }, { "Sr", "ppm", 5.0, 2500.0 }, { "Ba", "ppm", 0.5, 3000.0 },
			{ "Zr", "ppm", 5.0, 800.0 }, { "Nb", "ppm", 0.05, 150.0 }, { "Sr87_Sr86", "ratio", 0.7022, 0.7065 },
			{ "Nd143_Nd144", "ratio", 0.51270, 0.51325 } };

	private static final String[] MATERIALS = { "rock", "glass", "mineral", "inclusion", "sediment" };

	private static final String[] DESCRIPTIONS = { "Compiled from the original publication tables.",
			"Values digitised from a figure; uncertainties not reported.",
			"Recalculated to anhydrous basis, FeO total as FeOT.", "Part of a regional synthesis of arc lavas." };

	private static final MappingTree MAPPING = mapping();

	private static final String MAPPING_JSON = MAPPING
		.indexBody("{\"number_of_shards\":1,\"number_of_replicas\":0,\"index.mapping.total_fields.limit\":6000}");

	private static final List<String> LEAF_PATHS = MAPPING.leafPaths();

	private SynthesisSamples() {
	}

	/** The index creation body. */
	public static String mappingJson() {
		return MAPPING_JSON;
	}

	/** Leaf paths depth-first in mapping order (alphabetical at every level, as OpenSearch returns them). */
	public static List<String> leafPaths() {
		return LEAF_PATHS;
	}

	/** {@code SYN-} and {@code i} padded to 7 digits. */
	public static String id(long i) {
		String digits = Long.toString(i);
		return "SYN-" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
	}

	/** Document number {@code i}; every 7th carries hostile text. */
	public static String document(long i) {
		SplittableRandom random = new SplittableRandom(i);
		boolean nasty = i % 7 == 0;
		int variant = (int) (i / 7);
		String rockType = SampleText.pick(random, SampleText.ROCK_TYPES);
		JsonText json = new JsonText(1536);
		json.beginObject();
		json.field("sample_id", id(i));
		json.field("dataset_id", String.format(Locale.ROOT, "SYN-DS-%04d", random.nextInt(1, 400)));
		json.field("title", nasty ? SampleText.NASTY_NAMES[variant % SampleText.NASTY_NAMES.length]
				: "Synthesis compilation of " + rockType + " " + random.nextInt(1, 5000));
		json.field("material", SampleText.pick(random, MATERIALS));
		json.field("rock_type", rockType);
		LocalDate collected = SampleText.collected(random);
		json.field("collected", collected.toString());
		json.name("location").beginObject();
		SampleText.point(json, random);
		if (random.nextInt(5) != 0) {
			json.numberField("elevation_m", NumberText.fixed(random.nextDouble(-5800, 4200), random.nextInt(3)));
		}
		json.endObject();
		int year = Math.max(1965, Math.min(2025, collected.getYear() + random.nextInt(0, 6)));
		json.name("citation").beginObject().numberField("year", String.valueOf(year))
			.field("doi", SampleText.doi(random, year)).name("authors").beginArray();
		for (String author : SampleText.pickDistinct(random, SampleText.AUTHORS, random.nextInt(1, 5))) {
			json.string(author);
		}
		json.endArray().endObject();
		if (nasty) {
			json.field("description", SampleText.NASTY_COMMENTS[variant % SampleText.NASTY_COMMENTS.length]);
		}
		else if (random.nextInt(10) < 7) {
			json.field("description", SampleText.pick(random, DESCRIPTIONS));
		}
		chemistry(json, random);
		return json.endObject().toString();
	}

	private static void chemistry(JsonText json, SplittableRandom random) {
		// 5-14 analytes x 2 leaves on top of 10-12 metadata leaves keeps every document at 20-40 filled leaves
		int count = random.nextInt(5, 15);
		json.name("chemistry").beginObject();
		for (int k = 0; k < ANALYTES.length && count > 0; k++) {
			// SiO2 always; the rest with the probability that spends the remaining count over the remaining slots
			if (k > 0 && random.nextInt(ANALYTES.length - k) >= count) {
				continue;
			}
			count--;
			Object[] analyte = ANALYTES[k];
			String unit = (String) analyte[1];
			double low = (Double) analyte[2];
			double high = (Double) analyte[3];
			String value = switch (unit) {
				case "wt%" -> NumberText.fixed(random.nextDouble(low, high), 2 + random.nextInt(2));
				case "ratio" -> NumberText.fixed(random.nextDouble(low, high), 5 + random.nextInt(2));
				default -> NumberText.concentration(NumberText.logUniform(random, low, high), random);
			};
			json.name((String) analyte[0]).beginObject().numberField("value", value).field("unit", unit).endObject();
		}
		json.endObject();
	}

	private static MappingTree mapping() {
		MappingTree tree = new MappingTree();
		tree.leaf("sample_id", Type.KEYWORD).leaf("dataset_id", Type.KEYWORD).leaf("title", Type.TEXT)
			.leaf("material", Type.KEYWORD).leaf("rock_type", Type.KEYWORD).leaf("collected", Type.DATE)
			.leaf("location.point", Type.GEO_POINT).leaf("location.elevation_m", Type.DOUBLE)
			.leaf("citation.year", Type.INTEGER).leaf("citation.doi", Type.KEYWORD)
			.leaf("citation.authors", Type.KEYWORD).leaf("description", Type.TEXT);
		for (Object[] analyte : ANALYTES) {
			tree.leaf("chemistry." + analyte[0] + ".value", Type.DOUBLE);
			tree.leaf("chemistry." + analyte[0] + ".unit", Type.KEYWORD);
		}
		return tree;
	}

}
