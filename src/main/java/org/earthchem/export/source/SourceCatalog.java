package org.earthchem.export.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources this service exports, read from the source folder and checked against the live index mappings at
 * start: a wrong file stops the service with a message naming the file, the key and the problem.
 */
public class SourceCatalog {

	private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);

	private final Map<String, SourceDefinition> sources = new LinkedHashMap<>();

	private final Map<String, IndexMapping> mappings = new LinkedHashMap<>();

	private final SearchRequestParser parser = new SearchRequestParser();

	SourceCatalog(SourceProperties properties, SearchCluster cluster) {
		for (SourceDefinition source : SourceFiles.load(properties.sourcesDir())) {
			IndexMapping mapping;
			try {
				mapping = cluster.mapping(source.index());
			}
			catch (SearchRequestException ex) {
				throw new SourceDefinitionException(source.file() + ": index: '" + source.index()
						+ "' cannot be read from the search cluster (" + ex.getMessage() + ")");
			}
			SourceMappingCheck.check(source, mapping);
			this.sources.put(source.name(), source);
			this.mappings.put(source.name(), mapping);
			log.info("Source {} ({}): index {}, {} columns, {} parameters", source.name(), source.file(),
					source.index(), mapping.leaves().size(), source.parameters().size());
		}
		if (this.sources.isEmpty()) {
			throw new SourceDefinitionException(properties.sourcesDir() + ": no source files (*.yml) found");
		}
	}

	public List<SourceDefinition> all() {
		return List.copyOf(this.sources.values());
	}

	public Optional<SourceDefinition> find(String name) {
		return Optional.ofNullable(this.sources.get(name));
	}

	/** The named source, or an {@link UnknownSourceException}. */
	public SourceDefinition require(String name) {
		SourceDefinition source = this.sources.get(name);
		if (source == null) {
			throw new UnknownSourceException(name, this.sources.keySet());
		}
		return source;
	}

	/**
	 * What the index field behind a source's parameter holds (a number or a date for a range, say), as the mapping
	 * checked at start gives it; empty for a name the source does not define.
	 */
	public Optional<ColumnType> fieldType(SourceDefinition source, String parameter) {
		ParameterDefinition definition = source.parameters().get(parameter);
		IndexMapping mapping = this.mappings.get(source.name());
		if (definition == null || mapping == null) {
			return Optional.empty();
		}
		return mapping.leaf(definition.field()).map(Column::type);
	}

	/** Validates a request's search parameters against the source and the mapping checked at start. */
	public ExportQuery parse(SourceDefinition source, Map<String, List<String>> parameters) {
		return this.parser.parse(source, this.mappings.get(source.name()), parameters);
	}

	/** Rebuilds the query of a stored task from its canonical query string, against a given mapping. */
	public ExportQuery parse(SourceDefinition source, IndexMapping mapping, String canonicalQuery, FileType fileType,
			Compression compression) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (canonicalQuery != null && !canonicalQuery.isEmpty()) {
			for (String pair : canonicalQuery.split("&")) {
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				parameters.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
			}
		}
		parameters.put(ReservedParameter.FILE_TYPE.urlName(), List.of(fileType.extension()));
		parameters.put(ReservedParameter.COMPRESSION.urlName(), List.of(compression.value()));
		return this.parser.parse(source, mapping, parameters);
	}

}
