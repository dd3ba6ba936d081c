package org.earthchem.export.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the source files of a folder: each file's YAML, its keys and their syntax. Whether a source fits its index is
 * {@link SourceMappingCheck}'s to say.
 */
public final class SourceFiles {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String EXTENSION = ".yml";

	private static final List<String> KEYS = List.of("name", "title", "index", "sortField", "textFields", "parameters",
			"columns");

	private static final List<String> PARAMETER_KEYS = List.of("field", "kind");

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	// no '.': "<name>.min" / "<name>.max" must stay unambiguous
	private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

	private SourceFiles() {
	}

	/**
	 * Every {@code *.yml} of the folder, sorted by file name, each checked on its own (not yet against its index).
	 * @throws SourceDefinitionException listing every problem of every file, when the folder is missing or has no
	 * source file
	 */
	public static List<SourceDefinition> load(Path dir) {
		if (!Files.isDirectory(dir)) {
			throw new SourceDefinitionException(dir + ": is not a folder of source files");
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(dir)) {
			files = listing.filter((file) -> file.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(file))
				.sorted(Comparator.comparing((Path file) -> file.getFileName().toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new SourceDefinitionException(dir + ": cannot be listed: " + ex.getMessage(), ex);
		}
		if (files.isEmpty()) {
			// a service without sources can export nothing: refuse to start rather than answer 404 to everything
			throw new SourceDefinitionException(dir + ": has no source files (*" + EXTENSION + ")");
		}
		List<SourceDefinition> sources = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (Path file : files) {
			try {
				sources.add(read(file));
			}
			catch (SourceDefinitionException ex) {
				// go on: an operator fixing files wants every problem at once, not one per restart
				problems.addAll(ex.problems());
			}
		}
		if (!problems.isEmpty()) {
			throw new SourceDefinitionException(problems);
		}
		return List.copyOf(sources);
	}

	/** Reads one source file and checks its syntax; throws SourceDefinitionException listing every problem. */
	static SourceDefinition read(Path file) {
		SourceProblems problems = new SourceProblems(file.toString());
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException ex) {
			throw new SourceDefinitionException(file + ": cannot be read: " + ex.getMessage(), ex);
		}
		JsonNode root;
		try {
			root = readTree(text, problems);
		}
		catch (JacksonException ex) {
			throw new SourceDefinitionException(file + ": is not valid YAML" + where(ex.getLocation()) + ": "
					+ yamlProblem(ex.getOriginalMessage()), ex);
		}
		if (root == null || !root.isObject()) {
			problems.add(null, "must be a YAML mapping with the keys " + String.join(", ", KEYS));
			throw problems.exception();
		}
		for (String key : root.propertyNames()) {
			if (!KEYS.contains(key)) {
				problems.add(key, "unknown key; the keys are " + String.join(", ", KEYS));
			}
		}
		String name = text(root, "name", true, problems);
		String expected = file.getFileName().toString();
		expected = expected.substring(0, expected.length() - EXTENSION.length());
		if (name != null && !NAME.matcher(name).matches()) {
			problems.add("name", "'" + name + "' must be lowercase letters, digits and '-'");
		}
		else if (name != null && !name.equals(expected)) {
			problems.add("name", "'" + name + "' must be the file name without " + EXTENSION + " ('" + expected + "')");
		}
		String title = text(root, "title", false, problems);
		String index = text(root, "index", true, problems);
		String sortField = text(root, "sortField", true, problems);
		List<String> textFields = paths(root.get("textFields"), "textFields", problems);
		Map<String, ParameterDefinition> parameters = parameters(root.get("parameters"), problems);
		List<String> columns = columns(root.get("columns"), problems);
		if (problems.any()) {
			throw problems.exception();
		}
		return new SourceDefinition(name, title, index, sortField, (textFields != null) ? textFields : List.of(),
				parameters, columns, file.toString());
	}

	// A tree of the YAML that keeps each scalar's text as written and reports every repeated key by its path,
	// which a plain readTree would silently resolve to the last value.
	private static JsonNode readTree(String text, SourceProblems problems) {
		try (JsonParser parser = YAML.createParser(text)) {
			return (parser.nextToken() != null) ? readValue(parser, "", problems) : null;
		}
	}

	private static JsonNode readValue(JsonParser parser, String path, SourceProblems problems) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			ObjectNode object = NODES.objectNode();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				String key = path.isEmpty() ? name : path + "." + name;
				parser.nextToken();
				JsonNode value = readValue(parser, key, problems);
				if (!object.has(name)) {
					object.set(name, value);
				}
				else if (path.equals("parameters")) {
					problems.add(key, "the parameter name '" + name + "' is defined more than once");
				}
				else {
					problems.add(key, "is given more than once");
				}
			}
			return object;
		}
		if (token == JsonToken.START_ARRAY) {
			ArrayNode array = NODES.arrayNode();
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				array.add(readValue(parser, path + "[" + array.size() + "]", problems));
			}
			return array;
		}
		if (token == JsonToken.VALUE_NULL) {
			return NODES.nullNode();
		}
		return NODES.stringNode(parser.getString());
	}

	private static String where(TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
	}

	// SnakeYAML's message quotes the offending lines, indented; the unindented lines are the sentences.
	private static String yamlProblem(String message) {
		if (message == null) {
			return "cannot be parsed";
		}
		return message.lines()
			.filter((line) -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
			.map(String::strip)
			.collect(Collectors.joining("; "));
	}

	private static String text(JsonNode parent, String key, boolean required, SourceProblems problems) {
		JsonNode node = parent.get(key);
		if (node == null || node.isNull()) {
			if (required) {
				problems.add(key, "is required");
			}
			return null;
		}
		return text(node, key, problems);
	}

	private static String text(JsonNode node, String key, SourceProblems problems) {
		if (!node.isString()) {
			problems.add(key, "must be a single value, not a " + (node.isArray() ? "list" : "mapping"));
			return null;
		}
		if (node.stringValue().isBlank()) {
			problems.add(key, "must not be empty");
			return null;
		}
		return node.stringValue().strip();
	}

	private static List<String> paths(JsonNode node, String key, SourceProblems problems) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isArray()) {
			problems.add(key, "must be a list of dotted field paths, e.g. [sample_name, comments]");
			return null;
		}
		List<String> paths = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < node.size(); i++) {
			String path = text(node.get(i), key + "[" + i + "]", problems);
			if (path != null && !seen.add(path)) {
				problems.add(key + "[" + i + "]", "'" + path + "' is listed more than once");
			}
			else if (path != null) {
				paths.add(path);
			}
		}
		return paths;
	}

	private static Map<String, ParameterDefinition> parameters(JsonNode node, SourceProblems problems) {
		Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return parameters;
		}
		if (!node.isObject()) {
			problems.add("parameters", "must be a mapping of URL parameter name to { field: <dotted path>, kind: term|range|geo_bbox }");
			return parameters;
		}
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String name = entry.getKey();
			String key = "parameters." + name;
			JsonNode definition = entry.getValue();
			if (!PARAMETER_NAME.matcher(name).matches()) {
				problems.add(key, "'" + name + "' is not a parameter name: use letters, digits, '_' and '-', starting with a letter");
			}
			if (definition == null || !definition.isObject()) {
				problems.add(key, "must be { field: <dotted path>, kind: term|range|geo_bbox }");
				continue;
			}
			for (String property : definition.propertyNames()) {
				if (!PARAMETER_KEYS.contains(property)) {
					problems.add(key + "." + property, "unknown key; a parameter has the keys field and kind");
				}
			}
			String field = text(definition, "field", false, problems.under(key));
			if (field == null && (definition.get("field") == null || definition.get("field").isNull())) {
				problems.add(key + ".field", "is required");
			}
			String kindName = text(definition, "kind", false, problems.under(key));
			Optional<ParameterKind> kind = Optional.ofNullable(kindName).flatMap(ParameterKind::parse);
			if (definition.get("kind") == null || definition.get("kind").isNull()) {
				problems.add(key + ".kind", "is required: term, range or geo_bbox");
			}
			else if (kindName != null && kind.isEmpty()) {
				problems.add(key + ".kind", "'" + kindName + "' is not a kind: use term, range or geo_bbox");
			}
			// a URL parameter every source understands: a source parameter of the same name could never be reached
			ReservedParameter.named(name)
				.filter((reserved) -> kind.isEmpty() || !reserved.definableAs(kind.get()))
				.ifPresent((reserved) -> problems.add(key,
						"'" + name + "' is reserved for " + reserved.purpose() + "; choose another parameter name"));
			if (field != null && kind.isPresent()) {
				parameters.put(name, new ParameterDefinition(field, kind.get()));
			}
		}
		return parameters;
	}

	private static List<String> columns(JsonNode node, SourceProblems problems) {
		if (node == null || node.isNull() || (node.isString() && node.stringValue().strip().equals("mapping"))) {
			return null;
		}
		if (!node.isArray()) {
			problems.add("columns", "must be 'mapping' or a list of dotted field paths");
			return null;
		}
		if (node.isEmpty()) {
			problems.add("columns", "must list at least one column, or be 'mapping' for every field");
			return null;
		}
		return paths(node, "columns", problems);
	}

}
