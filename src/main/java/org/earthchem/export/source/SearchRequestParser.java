package org.earthchem.export.source;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a portal's URL search parameters into an ExportQuery, or lists every bad parameter: it checks each parameter
 * against the source and the mapping and builds the filters and the {@link CanonicalQuery}; {@link OpenSearchQuery}
 * renders the filters as OpenSearch JSON.
 */
public final class SearchRequestParser {

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
		SourceMappingCheck.check(source, mapping);
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

		private final CanonicalQuery canonical = new CanonicalQuery();

		// source parameter name -> its filter; sorted so that the same request always gives the same JSON
		private final TreeMap<String, SearchFilter> filters = new TreeMap<>();

		private FileType fileType = FileType.CSV;

		private Compression compression = Compression.NONE;

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
			ReservedParameter reserved = ReservedParameter.named(name).orElse(null);
			if (reserved == ReservedParameter.FILE_TYPE) {
				fileType(value);
			}
			else if (reserved == ReservedParameter.COMPRESSION) {
				compression(value);
			}
			else if (reserved == ReservedParameter.COLUMNS) {
				columns(value);
			}
			else if (reserved == ReservedParameter.TEXT) {
				text(value);
			}
			else {
				// bbox too: it is the source's own geo_bbox parameter
				parameter(name, value);
			}
		}

		private void fileType(String value) {
			FileType.parse(value).ifPresentOrElse((type) -> this.fileType = type,
					() -> error(ReservedParameter.FILE_TYPE.urlName(), "must be one of " + FileType.choices()));
			// not in the canonical query: the same search as CSV and as JSON has the same query key
		}

		private void compression(String value) {
			Compression.parse(value).ifPresentOrElse((chosen) -> this.compression = chosen,
					() -> error(ReservedParameter.COMPRESSION.urlName(), "must be none or gzip"));
			// not in the canonical query either: it is how the files are stored, not what is searched
		}

		private void columns(String value) {
			String name = ReservedParameter.COLUMNS.urlName();
			List<String> values = list(name, value, "prefix");
			if (values != null) {
				this.prefixes = new TreeSet<>(values);
				this.canonical.put(name, this.prefixes);
			}
		}

		private void text(String value) {
			String name = ReservedParameter.TEXT.urlName();
			if (this.source.textFields().isEmpty()) {
				error(name, "full-text search is not available for this source");
			}
			else if (value.isEmpty()) {
				error(name, "must not be empty");
			}
			else {
				this.text = value;
				this.canonical.put(name, value);
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
			this.canonical.put(name, sorted);
			this.filters.put(name, new SearchFilter.Terms(definition.field(), type, List.copyOf(sorted)));
		}

		private void bound(String name, String base, ParameterDefinition definition, boolean min, String value) {
			ColumnType type = type(definition);
			boolean parses = (type == ColumnType.DATE) ? date(value) != null : number(value) != null;
			if (!parses) {
				error(name, (type == ColumnType.DATE) ? "must be a date (yyyy-MM-dd)" : "must be a number");
				return;
			}
			SearchFilter.Range range = (SearchFilter.Range) this.filters.getOrDefault(base,
					new SearchFilter.Range(definition.field(), type, null, null));
			this.filters.put(base, min ? new SearchFilter.Range(range.field(), type, value, range.max())
					: new SearchFilter.Range(range.field(), type, range.min(), value));
			this.canonical.put(name, value);
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
				this.canonical.put(name, raw);
				this.filters.put(name, new SearchFilter.Box(definition.field(), raw));
			}
		}

		ExportQuery finish() {
			if (this.compression == Compression.GZIP && !this.fileType.compressible()) {
				error(ReservedParameter.COMPRESSION.urlName(), "gzip does not apply to " + this.fileType.extension()
						+ " files, which are compressed already; leave compression out or use none");
			}
			this.filters.forEach((name, filter) -> {
				if (filter instanceof SearchFilter.Range range && range.min() != null && range.max() != null
						&& compare(range) > 0) {
					error(name + ".max", "must not be less than " + name + ".min");
				}
			});
			if (!this.prefixes.isEmpty()) {
				List<String> names = ColumnSet.of(this.source, this.mapping, List.of()).names();
				for (String prefix : this.prefixes) {
					if (names.stream().noneMatch((column) -> ColumnSet.matches(column, prefix))) {
						error(ReservedParameter.COLUMNS.urlName(), "no column starts with '" + prefix + "'");
					}
				}
			}
			if (!this.errors.isEmpty()) {
				// by parameter name, like the canonical query: the same request lists its errors the same way
				List<ParameterError> sorted = new ArrayList<>(this.errors);
				sorted.sort(Comparator.comparing(ParameterError::parameter));
				throw new InvalidParametersException(sorted);
			}
			String queryJson = new OpenSearchQuery(List.copyOf(this.filters.values()), this.text,
					this.source.textFields(), this.mapping).json();
			return new ExportQuery(this.source.name(), this.fileType, this.compression, this.canonical.text(),
					this.canonical.key(this.source.name()), List.copyOf(this.prefixes), queryJson);
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
			// the mapping check ran first, so the field is a leaf
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

		private static int compare(SearchFilter.Range range) {
			return (range.type() == ColumnType.DATE) ? date(range.min()).compareTo(date(range.max()))
					: number(range.min()).compareTo(number(range.max()));
		}

	}

}
