package org.earthchem.export.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

/**
 * Encrypts and decrypts one export's temporary files with Tink's streaming AEAD (AES-256-GCM-HKDF, 1 MB segments)
 * under a data key of its own. The data key lives next to the files, wrapped by the master key, so a restarted
 * export on any node with the same master key can read what the failed run wrote; each file's name is bound to
 * its ciphertext, so files cannot be swapped.
 */
public final class TaskCipher {

	static final String KEY_FILE = "data-key.json";

	private final Path folder;

	private final StreamingAead aead;

	private TaskCipher(Path folder, StreamingAead aead) {
		this.folder = folder;
		this.aead = aead;
	}

	/** The cipher of the task whose work folder this is: its data key is created on first use. */
	static TaskCipher forFolder(Path folder, Aead masterKey, String taskId) {
		Path keyFile = folder.resolve(KEY_FILE);
		byte[] keyContext = taskId.getBytes(StandardCharsets.UTF_8);
		try {
			KeysetHandle dataKey;
			if (Files.exists(keyFile)) {
				dataKey = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(Files.readString(keyFile), masterKey,
						keyContext);
			}
			else {
				dataKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
				Path fresh = folder.resolve(KEY_FILE + ".new");
				Files.writeString(fresh, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(dataKey, masterKey,
						keyContext));
				Files.move(fresh, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			}
			return new TaskCipher(folder, dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the data key of task " + taskId
					+ " cannot be read with this master key (was the master key changed?)", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read or write the data key of task " + taskId, ex);
		}
	}

	/** A new encrypted file (replacing any file of that name); what is written to the stream is its plaintext. */
	public OutputStream create(Path file) throws IOException {
		OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
		try {
			return this.aead.newEncryptingStream(out, associatedData(file));
		}
		catch (GeneralSecurityException ex) {
			out.close();
			throw new IOException("could not start encrypting " + file, ex);
		}
	}

	/** Reads the plaintext of a file written by {@link #create}; a tampered file fails to read. */
	public InputStream open(Path file) throws IOException {
		InputStream in = Files.newInputStream(file);
		try {
			return this.aead.newDecryptingStream(in, associatedData(file));
		}
		catch (GeneralSecurityException ex) {
			in.close();
			throw new IOException("could not start decrypting " + file, ex);
		}
	}

	private byte[] associatedData(Path file) {
		return this.folder.relativize(file.toAbsolutePath()).toString().getBytes(StandardCharsets.UTF_8);
	}

}
