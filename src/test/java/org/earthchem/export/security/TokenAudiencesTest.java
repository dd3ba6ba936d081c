package org.earthchem.export.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.earthchem.export.support.ServiceInThisJvm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With JWTs accepted, the service requires an audience (a token for another application opens nothing). */
class TokenAudiencesTest {

	@Test
	void theServiceRefusesToStartWithJwtsAndNoAudience() {
		assertThatThrownBy(() -> ServiceInThisJvm.start(Map.of("export.security.jwt.audiences", "")).close())
			.rootCause()
			.hasMessageContaining("export.security.jwt.audiences");
	}

}
