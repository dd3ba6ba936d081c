package org.earthchem.export.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.earthchem.export.security.ApiKeys.ApiKeyInfo;
import org.earthchem.export.security.ApiKeys.IssuedKey;
import org.earthchem.export.security.ApiKeys;
import org.earthchem.export.source.InvalidParametersException;
import org.earthchem.export.source.ParameterError;
import org.earthchem.export.source.SourceCatalog;
import org.earthchem.export.task.Timestamps;
import org.earthchem.export.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators issue, list and revoke API keys; a key is shown once, when it is issued, and never again. */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
@Tag(name = "API keys")
class ApiKeyController {

	private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

	private final ApiKeys keys;

	private final SourceCatalog sources;

	ApiKeyController(ApiKeys keys, SourceCatalog sources) {
		this.keys = keys;
		this.sources = sources;
	}

	/**
	 * What an operator asks for: a key of an API caller (owner, email, sources, operator or not), or a metrics key
	 * ({@code metrics: true}, an owner, no sources): one that reads {@code /actuator/prometheus} and nothing else.
	 */
	record KeyRequest(String owner, String email, List<String> sources, Boolean operator, Boolean metrics) {
	}

	/** A key as listed: never the key itself. */
	record KeyView(String keyId, String owner, String email, Set<String> sources, boolean operator, boolean metrics,
			String createdAt, String revokedAt) {

		static KeyView of(ApiKeyInfo info) {
			return new KeyView(info.keyId(), info.owner(), info.email(), info.sources(), info.operator(),
					info.metrics(), Timestamps.format(info.createdAt()), Timestamps.format(info.revokedAt()));
		}

	}

	/** A key just issued: the only answer that carries it. */
	record IssuedKeyView(String key, KeyView info) {
	}

	@PostMapping
	@Operation(operationId = "issueApiKey", summary = "Operators: issue an API key",
			description = "The answer is the only one that ever carries the key.")
	@ApiResponse(responseCode = "201", description = "Issued: the key and its record.",
			headers = @Header(name = "Location", description = "The key's record.", schema = @Schema(type = "string")),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = IssuedKeyView.class)))
	@ApiResponse(responseCode = "400", description = "A bad owner, email or source: `errors` names it.")
	ResponseEntity<IssuedKeyView> issue(@RequestBody KeyRequest request) {
		List<ParameterError> errors = new ArrayList<>();
		boolean metrics = Boolean.TRUE.equals(request.metrics());
		if (request.owner() == null || !OWNER.matcher(request.owner()).matches()) {
			errors.add(new ParameterError("owner", "must be 1 to 128 letters, digits or . _ @ -"));
		}
		if ((request.email() == null && !metrics)
				|| (request.email() != null && !EMAIL.matcher(request.email()).matches())) {
			errors.add(new ParameterError("email", "must be an email address"));
		}
		Set<String> granted = new LinkedHashSet<>();
		if (metrics) {
			if (request.sources() != null && !request.sources().isEmpty()) {
				errors.add(new ParameterError("sources", "a metrics key reads the metrics only: it takes no sources"));
			}
			if (Boolean.TRUE.equals(request.operator())) {
				errors.add(new ParameterError("operator", "a metrics key cannot be an operator's"));
			}
		}
		else if (request.sources() == null || request.sources().isEmpty()) {
			errors.add(new ParameterError("sources", "must name at least one source"));
		}
		else {
			for (String source : request.sources()) {
				if (this.sources.find(source).isEmpty()) {
					errors.add(new ParameterError("sources", "unknown source: " + source));
				}
				granted.add(source);
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		IssuedKey issued = this.keys.issue(request.owner(), request.email(), granted,
				Boolean.TRUE.equals(request.operator()), metrics);
		return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + issued.info().keyId()))
			.header("Cache-Control", "no-store")
			.body(new IssuedKeyView(issued.key(), KeyView.of(issued.info())));
	}

	@GetMapping
	@Operation(operationId = "listApiKeys", summary = "Operators: list the API keys (never the keys themselves)")
	@ApiResponse(responseCode = "200", description = "Every key's record.")
	List<KeyView> list() {
		return this.keys.list().stream().map(KeyView::of).toList();
	}

	@PostMapping("/{keyId}/revoke")
	@Operation(operationId = "revokeApiKey", summary = "Operators: revoke an API key")
	@ApiResponse(responseCode = "200", description = "Revoked: the key's record.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = KeyView.class)))
	@ApiResponse(responseCode = "404", description = "No such key.")
	ResponseEntity<?> revoke(@PathVariable String keyId) {
		if (!keyId.matches("[0-9a-f]{16}") || !this.keys.revoke(keyId)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND,
					"API_KEY_NOT_FOUND", "API key not found", "There is no API key " + keyId + "."));
		}
		return ResponseEntity.ok(KeyView.of(this.keys.find(keyId).orElseThrow()));
	}

}
