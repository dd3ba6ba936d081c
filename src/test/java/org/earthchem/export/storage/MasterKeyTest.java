package org.earthchem.export.storage;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The master key from the environment: a wrong one stops the service at start with a message saying what to do. */
class MasterKeyTest {

	@Test
	void aMissingMasterKeyExplainsHowToMakeOne() {
		assertThatThrownBy(() -> MasterKey.aead(" ")).hasMessageContaining("EXPORT_MASTER_KEY")
			.hasMessageContaining("openssl rand -base64 32");
	}

	@Test
	void aMasterKeyThatIsNotBase64IsRefused() {
		assertThatThrownBy(() -> MasterKey.aead("not base64 !!")).hasMessageContaining("not Base64");
	}

	@Test
	void aMasterKeyOfTheWrongLengthIsRefused() {
		String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

		assertThatThrownBy(() -> MasterKey.aead(sixteenBytes)).hasMessageContaining("must be 32 bytes")
			.hasMessageContaining("not 16");
	}

	@Test
	void aWellFormedMasterKeyEncryptsAndDecrypts() throws Exception {
		var aead = MasterKey.aead(Base64.getEncoder().encodeToString(new byte[32]));

		byte[] sealed = aead.encrypt("data key".getBytes(), "task".getBytes());

		assertThat(new String(aead.decrypt(sealed, "task".getBytes()))).isEqualTo("data key");
	}

}
