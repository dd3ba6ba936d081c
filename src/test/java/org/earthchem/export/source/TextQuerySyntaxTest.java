package org.earthchem.export.source;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.NestedIndex;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code q=} offers what a portal's search box does (words, {@code "phrases"}, {@code -word}, {@code |},
 * {@code +}, parentheses) and not the costly operators (fuzzy {@code ~}, prefix {@code *}), counted on the six
 * sample names and comments of {@link NestedIndex}: "basalt" stands in three of them, and
 * "basalts", "basaltic" and "basanite" in three others.
 */
class TextQuerySyntaxTest extends IntegrationTest {

	@Test
	void aTildeIsNotTheFuzzyOperator() {
		// fuzzy, basalt~2 matched basalt, basalts and basaltic: 5; now "basalt~2" is the words "basalt" and "2"
		assertThat(matchedRows("basalt~2")).isEqualTo(0);
	}

	@Test
	void aTrailingStarIsNotThePrefixOperator() {
		// a prefix, bas* matched every sample: 6; now it is the word "bas"
		assertThat(matchedRows("bas*")).isEqualTo(0);
	}

	@Test
	void aPhraseMatchesItsWordsInOrder() {
		// "basalt from a pillow" has both words, not the phrase
		assertThat(matchedRows("pillow basalt")).isEqualTo(2);
		assertThat(matchedRows("\"pillow basalt\"")).isEqualTo(1);
	}

	@Test
	void aMinusExcludesAWord() {
		assertThat(matchedRows("basalt -altered")).isEqualTo(2);
	}

	@Test
	void aBarMatchesEitherWord() {
		// no sample has both (words alone must all match): X-005 is the basanite, X-003 was dredged
		assertThat(matchedRows("basanite dredged")).isEqualTo(0);
		assertThat(matchedRows("basanite | dredged")).isEqualTo(2);
	}

	@Test
	void aPlusMatchesBothWords() {
		// pillow; flow
		assertThat(matchedRows("pillow + flow")).isEqualTo(1);
		assertThat(matchedRows("pillow + basanite")).isEqualTo(0);
	}

	@Test
	void parenthesesGroupWhatTheOperatorsJoin() {
		// basalt; pillow; flow
		assertThat(matchedRows("basalt + (pillow | flow)")).isEqualTo(2);
		assertThat(matchedRows("(basalt + pillow) | flow")).isEqualTo(3);
	}

	private long matchedRows(String text) {
		ResponseEntity<JsonNode> counted = http(ALL_KEY).get()
			.uri(URI.create(baseUrl() + "/api/v1/sources/nested/count?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
		return counted.getBody().path("matchedRows").asLong();
	}

}
