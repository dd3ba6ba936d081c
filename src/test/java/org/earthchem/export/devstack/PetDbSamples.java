package org.earthchem.export.devstack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.earthchem.export.devstack.MappingTree.Type;
import org.earthchem.export.devstack.PetDbAnalytes.Analyte;

/** PetDB-shaped demo samples: 2,897 mapped leaves, 100-150 filled per ~3 KB document, document i from i alone. */
public final class PetDbSamples {

	/** The generator seeding {@code petdb-samples}. */
	public static final Generator GENERATOR = new Generator() {

		@Override
		public String mappingJson() {
			return PetDbSamples.mappingJson();
		}

		@Override
		public String document(long i) {
			return PetDbSamples.document(i);
		}

		@Override
		public String id(long i) {
			return PetDbSamples.id(i);
		}

	};

	private static final String[] CHEMISTRY_LEAVES = { "method", "stdev", "unit", "value" };

	private static final MappingTree MAPPING = mapping();

	private static final String MAPPING_JSON = MAPPING.indexBody(
			"{\"number_of_shards\":1,\"number_of_replicas\":0,\"index.mapping.total_fields.limit\":6000}");

	private static final List<String> LEAF_PATHS = MAPPING.leafPaths();

	private static final String PLACEHOLDERS = "placeholders";

	private static final Map<String, List<Analyte>> POOLS = Map.of(PetDbAnalytes.MAJOR,
			PetDbAnalytes.real(PetDbAnalytes.MAJOR), PetDbAnalytes.TRACE, PetDbAnalytes.real(PetDbAnalytes.TRACE),
			PLACEHOLDERS, PetDbAnalytes.placeholders(), PetDbAnalytes.ISOTOPE, PetDbAnalytes.real(PetDbAnalytes.ISOTOPE),
			PetDbAnalytes.VOLATILE, PetDbAnalytes.real(PetDbAnalytes.VOLATILE), PetDbAnalytes.NOBLE_GAS,
			PetDbAnalytes.real(PetDbAnalytes.NOBLE_GAS));

	private static final String[] ROCK_CLASSES = { "igneous:volcanic", "igneous:plutonic", "mantle xenolith",
			"metamorphic", "hydrothermal" };

	private static final String[] TEXTURES = { "aphyric", "porphyritic", "glassy", "vesicular", "holocrystalline",
			"ophitic", "cumulate", "pillow rim" };

	private static final String[] MARINE_SETTINGS = { "spreading center", "back-arc basin", "ocean island", "seamount",
			"fracture zone", "convergent margin", "oceanic plateau" };

	private static final String[] LAND_SETTINGS = { "continental rift", "large igneous province", "convergent margin",
			"ocean island" };

	private static final String[][] OCEAN_LOCALITIES = {
			{ "Pacific", "East Pacific Rise", "Juan de Fuca Ridge", "Galápagos Spreading Center", "Lau Basin",
					"Mariana Trough", "Hawaiian Ridge", "Kermadec Arc" },
			{ "Atlantic", "Mid-Atlantic Ridge", "Reykjanes Ridge", "Azores Plateau", "Kane Fracture Zone" },
			{ "Indian", "Southwest Indian Ridge", "Central Indian Ridge", "Kerguelen Plateau", "Rodrigues Triple Junction" },
			{ "Arctic", "Gakkel Ridge", "Knipovich Ridge" },
			{ "Southern", "Australian-Antarctic Discordance", "Pacific-Antarctic Ridge" } };

	private static final String[] LAND_LOCALITIES = { "Iceland, Krafla", "Columbia River Basalt Group", "Deccan Traps",
			"Etna, Sicily", "Kīlauea, Hawaii", "Ethiopian Rift, Afar", "Réunion, Piton de la Fournaise",
			"Oman ophiolite, Wadi Tayin" };

	private static final String[][] SHIPS = { { "KN", "R/V Knorr" }, { "AT", "R/V Atlantis" }, { "MV", "R/V Melville" },
			{ "SO", "FS Sonne" }, { "JR", "RRS James Clark Ross" }, { "TN", "R/V Thomas G. Thompson" },
			{ "EXP", "JOIDES Resolution" }, { "AL", "DSV Alvin" }, { "M", "FS Meteor" }, { "HLY", "USCGC Healy" } };

	private static final String[] JOURNALS = { "Journal of Petrology", "Earth and Planetary Science Letters",
			"Geochimica et Cosmochimica Acta", "Contributions to Mineralogy and Petrology",
			"Geochemistry, Geophysics, Geosystems", "Chemical Geology", "Nature",
			"Journal of Geophysical Research: Solid Earth" };

	private static final String[] TITLE_TOPICS = { "Major and trace element systematics", "Sr-Nd-Pb isotope constraints",
			"Volatile contents and degassing history", "Petrogenesis and mantle source heterogeneity",
			"Melt inclusion record of crystallization", "Noble gas evidence for a deep mantle plume",
			"Crustal assimilation and fractional crystallization" };

	private static final String[] COMMENTS = {
			"Fresh glass rim, hand-picked under binocular microscope; chips cleaned ultrasonically in deionised water.",
			"Moderately altered; LOI high, Mn crusts removed by abrasion before crushing in an agate mill.",
			"Pillow interior, plagioclase-phyric with rare olivine microphenocrysts and a fresh glassy margin.",
			"Split shared with Smithsonian NMNH; see archive record for the original label and dredge log.",
			"Analyses normalized to 100% volatile-free; total iron reported as FeOT by the original authors.",
			"Duplicate of an earlier submission, kept for the isotope data measured on a separate powder split.",
			"Olivine Fo88-91, spinel inclusions present; mineral data from cores and rims of the same grains." };

	private static final String[] TAGS = { "MORB", "OIB", "glass", "fresh", "altered", "xenolith", "dredge",
			"drill core", "pillow", "reference material" };

	private static final String[] AGE_METHODS = { "Ar-Ar", "K-Ar", "U-Pb zircon", "magnetic anomaly", "C-14",
			"U-Th disequilibrium" };

	private static final String[] INSTITUTIONS = { "LDEO", "WHOI", "SIO", "Smithsonian NMNH", "GEOMAR", "IFREMER",
			"University of Hawaiʻi" };

	private PetDbSamples() {
	}

	/** The index creation body. */
	public static String mappingJson() {
		return MAPPING_JSON;
	}

	/** Leaf paths depth-first in mapping order (alphabetical at every level, as OpenSearch returns them). */
	public static List<String> leafPaths() {
		return LEAF_PATHS;
	}

	/** {@code PETDB-} and {@code i} padded to 7 digits. */
	public static String id(long i) {
		return "PETDB-" + pad(i, 7);
	}

	/** Document number {@code i}; every 7th carries hostile text. */
	public static String document(long i) {
		SplittableRandom random = new SplittableRandom(i);
		boolean nasty = i % 7 == 0;
		int variant = (int) (i / 7);
		boolean marine = random.nextInt(4) != 0;
		String material = materialOf(random);
		JsonText json = new JsonText(4096);
		json.beginObject();
		json.field("sample_id", id(i));
		if (random.nextInt(10) != 0) {
			json.field("igsn", "PDB" + pad36(i, 6));
		}
		String[] ship = SampleText.pick(random, SHIPS);
		String cruise = ship[0] + (100 + random.nextInt(900));
		json.field("sample_name", nasty ? SampleText.NASTY_NAMES[variant % SampleText.NASTY_NAMES.length]
				: (marine ? cruise + "-D" + random.nextInt(1, 60) + "-" + random.nextInt(1, 20)
						: "HK-" + random.nextInt(60, 100) + "-" + random.nextInt(1, 200)));
		json.field("material", material);
		rock(json, random);
		json.field("tectonic_setting", SampleText.pick(random, marine ? MARINE_SETTINGS : LAND_SETTINGS));
		LocalDate collected = SampleText.collected(random);
		json.field("collected", collected.toString());
		location(json, random, marine, nasty ? variant : -1);
		if (marine) {
			json.name("expedition").beginObject().field("id", cruise).field("ship", ship[1])
				.field("leg", String.valueOf(random.nextInt(1, 40))).endObject();
		}
		citation(json, random, collected.getYear(), nasty ? variant : -1);
		if (nasty) {
			json.field("comments", SampleText.NASTY_COMMENTS[variant % SampleText.NASTY_COMMENTS.length]);
		}
		else if (random.nextInt(10) < 7) {
			json.field("comments", SampleText.pick(random, COMMENTS));
		}
		json.name("tags").beginArray();
		for (String tag : SampleText.pickDistinct(random, TAGS, random.nextInt(1, 5))) {
			json.string(tag);
		}
		if (nasty && variant % 3 == 0) {
			json.string("a,b \"c\"");
		}
		json.endArray();
		json.name("analyzed").bool(random.nextInt(10) != 0);
		if (random.nextBoolean()) {
			boolean young = random.nextInt(4) == 0;
			json.name("age").beginObject()
				.numberField("value", young ? NumberText.fixed(random.nextDouble(0.5, 900), 1)
						: NumberText.concentration(NumberText.logUniform(random, 0.01, 180), random))
				.field("unit", young ? "ka" : "Ma")
				.field("method", SampleText.pick(random, AGE_METHODS))
				.endObject();
		}
		json.name("archive").beginObject().field("institution", SampleText.pick(random, INSTITUTIONS));
		if (random.nextInt(10) != 0) {
			json.numberField("sample_count", String.valueOf(random.nextInt(1, 41)));
		}
		if (random.nextInt(5) != 0) {
			json.field("url", "https://search.earthchem.org/sample/" + id(i));
		}
		json.endObject();
		chemistry(json, random, material);
		return json.endObject().toString();
	}

	private static String materialOf(SplittableRandom random) {
		int roll = random.nextInt(20);
		return (roll < 11) ? "rock" : (roll < 15) ? "glass" : (roll < 18) ? "mineral" : "inclusion";
	}

	private static void rock(JsonText json, SplittableRandom random) {
		json.name("rock").beginObject().field("type", SampleText.pick(random, SampleText.ROCK_TYPES))
			.field("class", SampleText.pick(random, ROCK_CLASSES));
		if (random.nextInt(7) != 0) {
			json.field("texture", SampleText.pick(random, TEXTURES));
		}
		json.endObject();
	}

	private static void location(JsonText json, SplittableRandom random, boolean marine, int nastyVariant) {
		json.name("location").beginObject();
		SampleText.point(json, random);
		if (marine) {
			String[] ocean = SampleText.pick(random, OCEAN_LOCALITIES);
			double depth = random.nextDouble(800, 5800);
			String locality = ocean[random.nextInt(1, ocean.length)] + " " + random.nextInt(0, 60) + "°"
					+ random.nextInt(0, 60) + "'" + (random.nextBoolean() ? "N" : "S");
			json.field("ocean", ocean[0]).field("locality", nastyLocality(locality, nastyVariant));
			String depthText = NumberText.fixed(depth, random.nextInt(2));
			json.numberField("depth_m", depthText).numberField("elevation_m", "-" + depthText);
		}
		else {
			json.field("locality", nastyLocality(SampleText.pick(random, LAND_LOCALITIES), nastyVariant));
			if (random.nextInt(10) != 0) {
				json.numberField("elevation_m", NumberText.fixed(random.nextDouble(-20, 4200), random.nextInt(2)));
			}
		}
		if (random.nextInt(7) != 0) {
			json.numberField("precision_km", NumberText.fixed(random.nextDouble(0.01, 25), 1 + random.nextInt(2)));
		}
		json.endObject();
	}

	private static String nastyLocality(String locality, int nastyVariant) {
		if (nastyVariant < 0) {
			return locality;
		}
		return switch (nastyVariant % 4) {
			case 0 -> locality + ", \"near\" vent";
			case 1 -> "=" + locality;
			case 2 -> locality + "\nsecond line";
			default -> "@" + locality + " 🌋";
		};
	}

	private static void citation(JsonText json, SplittableRandom random, int collectedYear, int nastyVariant) {
		int year = Math.max(1965, Math.min(2025, collectedYear + random.nextInt(0, 6)));
		String title = (nastyVariant >= 0) ? SampleText.NASTY_TITLES[nastyVariant % SampleText.NASTY_TITLES.length]
				: SampleText.pick(random, TITLE_TOPICS) + " of " + SampleText.pick(random, SampleText.ROCK_TYPES)
						+ "s from the " + SampleText.pick(random, OCEAN_LOCALITIES)[1];
		json.name("citation").beginObject().field("title", title).numberField("year", String.valueOf(year));
		if (random.nextInt(10) != 0) {
			json.field("doi", SampleText.doi(random, year));
		}
		json.field("journal", SampleText.pick(random, JOURNALS));
		json.name("authors").beginArray();
		for (String name : SampleText.pickDistinct(random, SampleText.AUTHORS, random.nextInt(1, 7))) {
			json.beginObject().field("name", name);
			if (random.nextInt(6) != 0) {
				json.field("affiliation", SampleText.pick(random, SampleText.AFFILIATIONS));
			}
			json.endObject();
		}
		json.endArray().endObject();
	}

	private static void chemistry(JsonText json, SplittableRandom random, String material) {
		int total = random.nextInt(22, 30);
		int secondary = (random.nextInt(10) < 3) ? random.nextInt(3, 7) : 0;
		Map<String, Set<Analyte>> picked = new LinkedHashMap<>();
		String primary = switch (material) {
			case "rock" -> "whole_rock";
			case "glass" -> "glass";
			case "mineral" -> "mineral";
			default -> "inclusion";
		};
		picked.put(primary, pick(random, total - secondary));
		if (secondary > 0) {
			// whole-rock powders come with mineral or glass data from the same sample, and the other way round
			String other = switch (primary) {
				case "whole_rock" -> random.nextBoolean() ? "mineral" : "glass";
				case "glass" -> "inclusion";
				default -> "whole_rock";
			};
			picked.put(other, pick(random, secondary));
		}
		int missingStdev = 0;
		json.name("chemistry").beginObject();
		for (Map.Entry<String, Set<Analyte>> byMaterial : picked.entrySet()) {
			json.name(byMaterial.getKey()).beginObject();
			Map<String, List<Analyte>> byGroup = new LinkedHashMap<>();
			for (Analyte analyte : byMaterial.getValue()) {
				byGroup.computeIfAbsent(analyte.group(), (group) -> new ArrayList<>()).add(analyte);
			}
			for (Map.Entry<String, List<Analyte>> group : byGroup.entrySet()) {
				json.name(group.getKey()).beginObject();
				for (Analyte analyte : group.getValue()) {
					String[] reading = analyte.reading(random);
					json.name(analyte.name()).beginObject().numberField("value", reading[0]).field("unit", analyte.unit())
						.field("method", method(random, analyte));
					// at most 3 missing per document keeps every document inside 100-150 filled leaves
					if (missingStdev < 3 && random.nextInt(10) == 0) {
						missingStdev++;
					}
					else {
						json.numberField("stdev", reading[1]);
					}
					json.endObject();
				}
				json.endObject();
			}
			json.endObject();
		}
		json.endObject();
	}

	/** {@code count} different analytes: SiO2 and more majors first, the rest mostly trace elements. */
	private static Set<Analyte> pick(SplittableRandom random, int count) {
		Set<Analyte> chosen = new LinkedHashSet<>();
		List<Analyte> majors = POOLS.get(PetDbAnalytes.MAJOR);
		chosen.add(majors.get(0));
		int majorCount = Math.min(count, random.nextInt(7, 12));
		while (chosen.size() < majorCount) {
			chosen.add(majors.get(random.nextInt(majors.size())));
		}
		while (chosen.size() < count) {
			int roll = random.nextInt(100);
			String pool = (roll < 56) ? PetDbAnalytes.TRACE : (roll < 64) ? PLACEHOLDERS
					: (roll < 82) ? PetDbAnalytes.ISOTOPE : (roll < 93) ? PetDbAnalytes.VOLATILE : PetDbAnalytes.NOBLE_GAS;
			List<Analyte> candidates = POOLS.get(pool);
			chosen.add(candidates.get(random.nextInt(candidates.size())));
		}
		return chosen;
	}

	private static String method(SplittableRandom random, Analyte analyte) {
		String[] methods = switch (analyte.group()) {
			case PetDbAnalytes.MAJOR -> new String[] { "XRF", "EMP", "ICP-OES", "WET" };
			case PetDbAnalytes.TRACE -> new String[] { "ICP-MS", "LA-ICP-MS", "INAA", "XRF", "SIMS" };
			case PetDbAnalytes.ISOTOPE -> (analyte.kind() == PetDbAnalytes.Kind.DELTA)
					? new String[] { "IRMS", "SIMS", "LF" } : new String[] { "TIMS", "MC-ICP-MS", "SIMS" };
			case PetDbAnalytes.VOLATILE -> new String[] { "FTIR", "SIMS", "MANOMETRY", "EA" };
			default -> new String[] { "NG-MS", "CRUSHING", "STEP-HEATING" };
		};
		return SampleText.pick(random, methods);
	}

	private static MappingTree mapping() {
		MappingTree tree = new MappingTree();
		tree.leaf("sample_id", Type.KEYWORD).leaf("igsn", Type.KEYWORD).leaf("sample_name", Type.TEXT)
			.leaf("material", Type.KEYWORD).leaf("rock.type", Type.KEYWORD).leaf("rock.class", Type.KEYWORD)
			.leaf("rock.texture", Type.KEYWORD).leaf("tectonic_setting", Type.KEYWORD).leaf("collected", Type.DATE)
			.leaf("location.point", Type.GEO_POINT).leaf("location.elevation_m", Type.DOUBLE)
			.leaf("location.locality", Type.KEYWORD).leaf("location.ocean", Type.KEYWORD)
			.leaf("location.precision_km", Type.FLOAT).leaf("location.depth_m", Type.DOUBLE)
			.leaf("expedition.id", Type.KEYWORD).leaf("expedition.ship", Type.KEYWORD).leaf("expedition.leg", Type.KEYWORD)
			.leaf("citation.title", Type.TEXT).leaf("citation.year", Type.INTEGER).leaf("citation.doi", Type.KEYWORD)
			.leaf("citation.journal", Type.KEYWORD).leaf("citation.authors.name", Type.KEYWORD)
			.leaf("citation.authors.affiliation", Type.KEYWORD).leaf("comments", Type.TEXT).leaf("tags", Type.KEYWORD)
			.leaf("analyzed", Type.BOOLEAN).leaf("age.value", Type.DOUBLE).leaf("age.unit", Type.KEYWORD)
			.leaf("age.method", Type.KEYWORD).leaf("archive.institution", Type.KEYWORD)
			.leaf("archive.sample_count", Type.INTEGER).leaf("archive.url", Type.KEYWORD);
		for (String material : PetDbAnalytes.MATERIALS) {
			for (Analyte analyte : PetDbAnalytes.ALL) {
				String prefix = "chemistry." + material + "." + analyte.group() + "." + analyte.name() + ".";
				for (String leaf : CHEMISTRY_LEAVES) {
					tree.leaf(prefix + leaf, leaf.equals("value") || leaf.equals("stdev") ? Type.DOUBLE : Type.KEYWORD);
				}
			}
		}
		return tree;
	}

	private static String pad(long value, int width) {
		String digits = Long.toString(value);
		return "0".repeat(Math.max(0, width - digits.length())) + digits;
	}

	private static String pad36(long value, int width) {
		String digits = Long.toString(value, 36).toUpperCase(Locale.ROOT);
		return "0".repeat(Math.max(0, width - digits.length())) + digits;
	}

}
