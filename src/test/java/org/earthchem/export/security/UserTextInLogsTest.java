package org.earthchem.export.security;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** What a caller writes into a request never starts a line of the service's log nor reorders it. */
@ExtendWith(OutputCaptureExtension.class)
class UserTextInLogsTest extends IntegrationTest {

	@Test
	void lineBreaksLineSeparatorsAndBidiOverridesInARefusedRequestAreLoggedEscapedOnOneLine(CapturedOutput output) {
		String marker = "marker-" + UUID.randomUUID();

		// CR LF, U+2028 (line separator), U+2029 (paragraph separator) and U+202E (right-to-left override),
		// percent-encoded;
		// a URI as it stands: a URI template would encode the percent signs again
		ResponseEntity<JsonNode> refused = http(ALL_KEY).post()
			.uri(URI.create(baseUrl() + "/api/v1/sources/petdb/exports?q=basalt%E2%80%A8" + marker + "&columns="
					+ marker + "%E2%80%A8FORGED%E2%80%A9LINE%0D%0AINJECTED&x%E2%80%AE" + marker + "=1"))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(output.getOut().lines().filter((line) -> line.contains(marker)))
			.singleElement()
			.asString()
			.contains("Request refused, bad parameters: ")
			.contains("no column starts with '" + marker + "\\u2028FORGED\\u2029LINE\\r\\nINJECTED'")
			.contains("parameter=x\\u202E" + marker + ", message=unknown parameter")
			.doesNotContain("\u2028", "\u2029", "\u202E");
		assertThat(output.getOut().lines().filter((line) -> line.startsWith("INJECTED"))).isEmpty();
	}

}
