package org.earthchem.export.storage;

import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.crypto.tink.util.SecretBytes;

/**
 * The key that wraps every export's data key: 32 random bytes, Base64, from the environment
 * ({@code EXPORT_MASTER_KEY}); never written anywhere by the service.
 */
final class MasterKey {

	private MasterKey() {
	}

	/** The AES-256-GCM primitive of the configured key. */
	static Aead aead(String base64) {
		if (base64 == null || base64.isBlank()) {
			throw new IllegalStateException("export.storage.master-key is not set: give the service 32 random bytes, "
					+ "Base64-encoded, in EXPORT_MASTER_KEY (for example: openssl rand -base64 32)");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("export.storage.master-key is not Base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(
					"export.storage.master-key must be 32 bytes (Base64 of 32 random bytes), not " + bytes.length);
		}
		try {
			registerTink();
			AesGcmParameters parameters = AesGcmParameters.builder()
				.setKeySizeBytes(32)
				.setIvSizeBytes(12)
				.setTagSizeBytes(16)
				.setVariant(AesGcmParameters.Variant.NO_PREFIX)
				.build();
			AesGcmKey key = AesGcmKey.builder()
				.setParameters(parameters)
				.setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get()))
				.build();
			KeysetHandle handle = KeysetHandle.newBuilder()
				.addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
				.build();
			return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the master key could not be loaded", ex);
		}
	}

	static void registerTink() throws GeneralSecurityException {
		AeadConfig.register();
		StreamingAeadConfig.register();
	}

}
