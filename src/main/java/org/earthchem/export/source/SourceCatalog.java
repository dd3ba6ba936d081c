package org.earthchem.export.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources this service exports, read from the source folder at start (a file that cannot be read stops the
 * service) and checked against the live index mappings by {@link SourceCheck}: a source whose index does not exist or
 * lacks a field it names stops the service with a message naming the file, the key and the problem. Until the check
 * has read every mapping (the search cluster may be out of reach while the node starts), the catalog answers nothing:
 * each question throws a {@link SourcesNotCheckedException}, which the API answers {@code 503}.
 */
public class SourceCatalog {

	private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);

	private final List<SourceDefinition> definitions;

	private final SearchRequestParser parser = new SearchRequestParser();

	/** The sources and their mappings once checked; null until then. */
	private volatile Checked checked;

	private final CompletableFuture<Void> whenChecked = new CompletableFuture<>();

	SourceCatalog(SourceProperties properties) {
		this.definitions = SourceFiles.load(properties.sourcesDir());
	}

	/**
	 * Reads the mapping of every source's index and checks the source against it; once every source passes, the
	 * catalog answers (the actions waiting for it run at {@link #announceChecked()}). Does nothing when already
	 * checked.
	 * @throws SearchUnavailableException the search cluster could not be reached, or answered 429 or 5xx: worth
	 * checking again later
	 * @throws SourceDefinitionException the cluster answered and a source is wrong for it (its index does not exist,
	 * a field it names is not in the mapping, …): checking again will not help
	 */
	synchronized void check(SearchCluster cluster) {
		if (this.checked != null) {
			return;
		}
		Map<String, SourceDefinition> sources = new LinkedHashMap<>();
		Map<String, IndexMapping> mappings = new LinkedHashMap<>();
		for (SourceDefinition source : this.definitions) {
			IndexMapping mapping;
			try {
				mapping = cluster.mapping(source.index());
			}
			catch (SearchRequestException ex) {
				throw new SourceDefinitionException(source.file() + ": index: '" + source.index()
						+ "' cannot be read from the search cluster (" + ex.getMessage() + ")");
			}
			SourceMappingCheck.check(source, mapping);
			sources.put(source.name(), source);
			mappings.put(source.name(), mapping);
		}
		for (SourceDefinition source : sources.values()) {
			log.info("Source {} ({}): index {}, {} columns, {} parameters", source.name(), source.file(),
					source.index(), mappings.get(source.name()).leaves().size(), source.parameters().size());
		}
		this.checked = new Checked(Collections.unmodifiableMap(sources), Collections.unmodifiableMap(mappings));
	}

	/** Runs the actions waiting for the check ({@link #whenChecked}), once it has passed. */
	void announceChecked() {
		if (this.checked != null) {
			this.whenChecked.complete(null);
		}
	}

	/** Whether every source has been checked against its index mapping, so that the catalog answers. */
	public boolean isChecked() {
		return this.checked != null;
	}

	/**
	 * Runs the action once the sources are checked: at once, on this thread, when they are; otherwise on the thread
	 * that checks them. An action that fails is logged, and the others still run.
	 */
	public void whenChecked(String what, Runnable action) {
		this.whenChecked.thenRun(() -> {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				log.error("Once the sources were checked, {} failed", what, ex);
			}
		});
	}

	private Checked checked() {
		Checked checked = this.checked;
		if (checked == null) {
			throw new SourcesNotCheckedException();
		}
		return checked;
	}

	/** Every source, once checked. */
	public List<SourceDefinition> all() {
		return List.copyOf(checked().sources().values());
	}

	/** The named source, once checked. */
	public Optional<SourceDefinition> find(String name) {
		return Optional.ofNullable(checked().sources().get(name));
	}

	/** The named source, or an {@link UnknownSourceException}, once checked. */
	public SourceDefinition require(String name) {
		Map<String, SourceDefinition> sources = checked().sources();
		SourceDefinition source = sources.get(name);
		if (source == null) {
			throw new UnknownSourceException(name, sources.keySet());
		}
		return source;
	}

	/**
	 * What the index field behind a source's parameter holds (a number or a date for a range, say), as the mapping
	 * checked at start gives it; empty for a name the source does not define.
	 */
	public Optional<ColumnType> fieldType(SourceDefinition source, String parameter) {
		ParameterDefinition definition = source.parameters().get(parameter);
		IndexMapping mapping = checked().mappings().get(source.name());
		if (definition == null || mapping == null) {
			return Optional.empty();
		}
		return mapping.leaf(definition.field()).map(Column::type);
	}

	/** Validates a request's search parameters against the source and the mapping checked at start. */
	public ExportQuery parse(SourceDefinition source, Map<String, List<String>> parameters) {
		return this.parser.parse(source, checked().mappings().get(source.name()), parameters);
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

	/** The checked sources by name, and the mapping each was checked against. */
	private record Checked(Map<String, SourceDefinition> sources, Map<String, IndexMapping> mappings) {
	}

}
