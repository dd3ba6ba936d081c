package org.earthchem.export.source;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Turns a portal's URL search parameters into an ExportQuery, or lists every bad parameter. */
public final class SearchRequestParser {

	static final String FILE_TYPE = "fileType";

	static final String COLUMNS = "columns";

	static final String TEXT = "q";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// what JSON accepts as a number; BigDecimal also takes "+1", ".5", "1." and "007", which JSON does not
	private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	private static final String DATE_FORMAT = "yyyy-MM-dd";

	// 'uuuu' with STRICT: rejects 2021-02-30 rather than quietly moving it to 2021-02-28
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final String BBOX_FORMAT = "must be minLon,minLat,maxLon,maxLat";

	/**
	 * Checks every parameter against the source and builds the query.
	 * @param parameters each URL parameter name with its values, as the request gave them
	 * @throws InvalidParametersException listing every offending parameter (nothing is to be queued)
	 * @throws SourceDefinitionException when the source does not fit the mapping (a server fault, not the caller's)
	 */
	public ExportQuery parse(SourceDefinition source, IndexMapping mapping, Map<String, List<String>> parameters) {
		SourceFiles.validate(source, mapping);
		Request request = new Request(source, mapping);
		if (parameters != null) {
			parameters.forEach(request::accept);
		}
		return request.finish();
	}

	/** One request being read: what it asks for so far and what is wrong with it. */
	private static final class Request {

		private final SourceDefinition source;

		private final IndexMapping mapping;

		private final List<ParameterError> errors = new ArrayList<>();

		// parameter name -> its canonical (sorted, form-encoded) value; sorted by name as the query key needs
		private final TreeMap<String, String> canonical = new TreeMap<>();

		// source parameter name -> its filter; sorted so that the same request always gives the same JSON
		private final TreeMap<String, Filter> filters = new TreeMap<>();

		private FileType fileType = FileType.CSV;

		private String text;

		private SortedSet<String> prefixes = new TreeSet<>();

		Request(SourceDefinition source, IndexMapping mapping) {
			this.source = source;
			this.mapping = mapping;
		}

		void accept(String name, List<String> values) {
			if (name == null) {
				return;
			}
			if (values != null && values.size() > 1) {
				error(name, "given more than once");
				return;
			}
			String value = (values == null || values.isEmpty() || values.get(0) == null) ? "" : values.get(0).strip();
			switch (name) {
				case FILE_TYPE -> fileType(value);
				case COLUMNS -> columns(value);
				case TEXT -> text(value);
				default -> parameter(name, value);
			}
		}

		private void fileType(String value) {
			FileType.parse(value).ifPresentOrElse((type) -> this.fileType = type,
					() -> error(FILE_TYPE, "must be csv or json"));
			// not in the canonical query: the same search as CSV and as JSON has the same query key
		}

		private void columns(String value) {
			List<String> values = list(COLUMNS, value, "prefix");
			if (values != null) {
				this.prefixes = new TreeSet<>(values);
				this.canonical.put(COLUMNS, encode(this.prefixes));
			}
		}

		private void text(String value) {
			if (this.source.textFields().isEmpty()) {
				error(TEXT, "full-text search is not available for this source");
			}
			else if (value.isEmpty()) {
				error(TEXT, "must not be empty");
			}
			else {
				this.text = value;
				this.canonical.put(TEXT, encode(value));
			}
		}

		private void parameter(String name, String value) {
			ParameterDefinition definition = this.source.parameters().get(name);
			if (definition != null) {
				switch (definition.kind()) {
					case TERM -> term(name, definition, value);
					case RANGE -> error(name, "use " + name + ".min and/or " + name + ".max");
					case GEO_BBOX -> box(name, definition, value);
				}
				return;
			}
			int dot = name.lastIndexOf('.');
			if (dot > 0) {
				String base = name.substring(0, dot);
				String bound = name.substring(dot + 1);
				ParameterDefinition range = this.source.parameters().get(base);
				if (range != null && range.kind() == ParameterKind.RANGE && (bound.equals("min") || bound.equals("max"))) {
					bound(name, base, range, bound.equals("min"), value);
					return;
				}
			}
			error(name, "unknown parameter");
		}

		private void term(String name, ParameterDefinition definition, String value) {
			List<String> values = list(name, value, "value");
			if (values == null) {
				return;
			}
			ColumnType type = type(definition);
			for (String item : values) {
				if (type == ColumnType.NUMBER && number(item) == null) {
					error(name, "values must be numbers");
					return;
				}
				if (type == ColumnType.BOOLEAN && !item.equals("true") && !item.equals("false")) {
					error(name, "values must be true or false");
					return;
				}
			}
			SortedSet<String> sorted = new TreeSet<>(values);
			this.canonical.put(name, encode(sorted));
			this.filters.put(name, new Terms(definition.field(), type, List.copyOf(sorted)));
		}

		private void bound(String name, String base, ParameterDefinition definition, boolean min, String value) {
			ColumnType type = type(definition);
			Comparable<?> parsed = (type == ColumnType.DATE) ? date(value) : number(value);
			if (parsed == null) {
				error(name, (type == ColumnType.DATE) ? "must be a date (yyyy-MM-dd)" : "must be a number");
				return;
			}
			Range range = (Range) this.filters.computeIfAbsent(base, (key) -> new Range(definition.field(), type));
			Bound bound = new Bound(value, parsed);
			if (min) {
				range.min = bound;
			}
			else {
				range.max = bound;
			}
			this.canonical.put(name, encode(value));
		}

		private void box(String name, ParameterDefinition definition, String value) {
			String[] parts = value.split(",", -1);
			if (parts.length != 4) {
				error(name, BBOX_FORMAT);
				return;
			}
			List<String> raw = new ArrayList<>();
			List<BigDecimal> numbers = new ArrayList<>();
			for (String part : parts) {
				BigDecimal number = number(part.strip());
				if (number == null) {
					error(name, BBOX_FORMAT);
					return;
				}
				raw.add(part.strip());
				numbers.add(number);
			}
			int before = this.errors.size();
			if (!within(numbers.get(0), 180) || !within(numbers.get(2), 180)) {
				error(name, BBOX_FORMAT + ", with longitudes between -180 and 180");
			}
			if (!within(numbers.get(1), 90) || !within(numbers.get(3), 90)) {
				error(name, BBOX_FORMAT + ", with latitudes between -90 and 90");
			}
			else if (numbers.get(1).compareTo(numbers.get(3)) > 0) {
				error(name, BBOX_FORMAT + ", with minLat not greater than maxLat");
			}
			// minLon > maxLon is allowed: a box across the antimeridian, which OpenSearch supports
			if (this.errors.size() == before) {
				this.canonical.put(name, raw.stream().map(Request::encode).collect(Collectors.joining(",")));
				this.filters.put(name, new Box(definition.field(), raw, numbers));
			}
		}

		ExportQuery finish() {
			this.filters.forEach((name, filter) -> {
				if (filter instanceof Range range && range.min != null && range.max != null
						&& compare(range.min.parsed(), range.max.parsed()) > 0) {
					error(name + ".max", "must not be less than " + name + ".min");
				}
			});
			if (!this.prefixes.isEmpty()) {
				List<String> names = ColumnSet.of(this.source, this.mapping, List.of()).names();
				for (String prefix : this.prefixes) {
					if (names.stream().noneMatch((column) -> ColumnSet.matches(column, prefix))) {
						error(COLUMNS, "no column starts with '" + prefix + "'");
					}
				}
			}
			if (!this.errors.isEmpty()) {
				// by parameter name, like the canonical query: the same request lists its errors the same way
				List<ParameterError> sorted = new ArrayList<>(this.errors);
				sorted.sort(Comparator.comparing(ParameterError::parameter));
				throw new InvalidParametersException(sorted);
			}
			String canonicalQuery = this.canonical.entrySet()
				.stream()
				.map((entry) -> encode(entry.getKey()) + "=" + entry.getValue())
				.collect(Collectors.joining("&"));
			return new ExportQuery(this.source.name(), this.fileType, canonicalQuery,
					sha256(this.source.name() + "?" + canonicalQuery), List.copyOf(this.prefixes), queryJson());
		}

		private String queryJson() {
			StringWriter out = new StringWriter();
			try (JsonGenerator json = JSON.createGenerator(out)) {
				json.writeStartObject();
				if (this.filters.isEmpty() && this.text == null) {
					json.writeName("match_all");
					json.writeStartObject();
					json.writeEndObject();
				}
				else {
					json.writeName("bool");
					json.writeStartObject();
					if (!this.filters.isEmpty()) {
						// filter, not must: exact conditions need no scoring and OpenSearch can cache them
						json.writeName("filter");
						json.writeStartArray();
						this.filters.values().forEach((filter) -> filter.write(json));
						json.writeEndArray();
					}
					if (this.text != null) {
						json.writeName("must");
						json.writeStartArray();
						writeText(json);
						json.writeEndArray();
					}
					json.writeEndObject();
				}
				json.writeEndObject();
			}
			return out.toString();
		}

		private void writeText(JsonGenerator json) {
			json.writeStartObject();
			json.writeName("simple_query_string");
			json.writeStartObject();
			json.writeStringProperty("query", this.text);
			json.writeName("fields");
			json.writeStartArray();
			this.source.textFields().forEach(json::writeString);
			json.writeEndArray();
			// every word must match: a portal user narrowing a search expects fewer rows with each word, not more
			json.writeStringProperty("default_operator", "and");
			json.writeEndObject();
			json.writeEndObject();
		}

		// comma-separated values, none empty; null (and an error) when the value is unusable
		private List<String> list(String name, String value, String what) {
			if (value.isEmpty()) {
				error(name, "must not be empty");
				return null;
			}
			List<String> values = new ArrayList<>();
			for (String item : value.split(",", -1)) {
				if (item.isBlank()) {
					error(name, "must not contain an empty " + what);
					return null;
				}
				values.add(item.strip());
			}
			return values;
		}

		private ColumnType type(ParameterDefinition definition) {
			// validate() ran first, so the field is a leaf
			return this.mapping.leaf(definition.field()).map(Column::type).orElseThrow();
		}

		private void error(String parameter, String message) {
			this.errors.add(new ParameterError(parameter, message));
		}

		private static BigDecimal number(String value) {
			try {
				return new BigDecimal(value);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		private static LocalDate date(String value) {
			try {
				return LocalDate.parse(value, DATE);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

		private static boolean within(BigDecimal value, int limit) {
			return value.abs().compareTo(BigDecimal.valueOf(limit)) <= 0;
		}

		@SuppressWarnings({ "unchecked", "rawtypes" })
		private static int compare(Comparable a, Comparable b) {
			return a.compareTo(b);
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

		// each value encoded on its own, so the separating commas stay readable: material=glass,rock
		private static String encode(SortedSet<String> values) {
			return values.stream().map(Request::encode).collect(Collectors.joining(","));
		}

		private static String sha256(String text) {
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java runtime has SHA-256", ex);
			}
		}

	}

	/** One filter clause of the bool query. */
	private interface Filter {

		void write(JsonGenerator json);

	}

	private record Terms(String field, ColumnType type, List<String> values) implements Filter {

		@Override
		public void write(JsonGenerator json) {
			json.writeStartObject();
			json.writeName("terms");
			json.writeStartObject();
			json.writeName(this.field);
			json.writeStartArray();
			for (String value : this.values) {
				switch (this.type) {
					case NUMBER -> writeNumber(json, value, new BigDecimal(value));
					case BOOLEAN -> json.writeBoolean(Boolean.parseBoolean(value));
					default -> json.writeString(value);
				}
			}
			json.writeEndArray();
			json.writeEndObject();
			json.writeEndObject();
		}

	}

	private record Bound(String text, Comparable<?> parsed) {
	}

	private static final class Range implements Filter {

		private final String field;

		private final ColumnType type;

		private Bound min;

		private Bound max;

		Range(String field, ColumnType type) {
			this.field = field;
			this.type = type;
		}

		@Override
		public void write(JsonGenerator json) {
			json.writeStartObject();
			json.writeName("range");
			json.writeStartObject();
			json.writeName(this.field);
			json.writeStartObject();
			writeBound(json, "gte", this.min);
			writeBound(json, "lte", this.max);
			if (this.type == ColumnType.DATE) {
				// the field's own format may differ (e.g. epoch_millis); this one says how to read the bounds
				json.writeStringProperty("format", DATE_FORMAT);
			}
			json.writeEndObject();
			json.writeEndObject();
			json.writeEndObject();
		}

		private void writeBound(JsonGenerator json, String name, Bound bound) {
			if (bound == null) {
				return;
			}
			json.writeName(name);
			if (this.type == ColumnType.DATE) {
				json.writeString(bound.text());
			}
			else {
				writeNumber(json, bound.text(), (BigDecimal) bound.parsed());
			}
		}

	}

	private record Box(String field, List<String> text, List<BigDecimal> numbers) implements Filter {

		@Override
		public void write(JsonGenerator json) {
			json.writeStartObject();
			json.writeName("geo_bounding_box");
			json.writeStartObject();
			json.writeName(this.field);
			json.writeStartObject();
			json.writeName("top_left");
			corner(json, 3, 0);
			json.writeName("bottom_right");
			corner(json, 1, 2);
			json.writeEndObject();
			json.writeEndObject();
			json.writeEndObject();
		}

		private void corner(JsonGenerator json, int lat, int lon) {
			json.writeStartObject();
			json.writeName("lat");
			writeNumber(json, this.text.get(lat), this.numbers.get(lat));
			json.writeName("lon");
			writeNumber(json, this.text.get(lon), this.numbers.get(lon));
			json.writeEndObject();
		}

	}

	// the number as the user wrote it (45.20 stays 45.20), unless JSON cannot hold that spelling (+45, .5)
	private static void writeNumber(JsonGenerator json, String text, BigDecimal value) {
		json.writeNumber(JSON_NUMBER.matcher(text).matches() ? text : value.toString());
	}

}
