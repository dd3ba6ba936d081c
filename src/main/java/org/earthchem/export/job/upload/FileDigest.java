package org.earthchem.export.job.upload;

import java.util.HexFormat;

import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.SavableDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The SHA-256 of a file being written, whose state is saved with each checkpoint and restored by the execution that
 * resumes it, on any node: the bytes already uploaded are never read again. Bouncy Castle hashes natively where the
 * CPU allows; a state saved by the other implementation (a node of another kind) may not restore, and then the file
 * is written again from its first row.
 */
public final class FileDigest {

	private final SavableDigest digest;

	private FileDigest(SavableDigest digest) {
		this.digest = digest;
	}

	static FileDigest start() {
		return new FileDigest(SHA256Digest.newInstance());
	}

	/**
	 * @throws IllegalArgumentException when this node cannot continue that state
	 */
	static FileDigest restore(byte[] state) {
		try {
			return new FileDigest(SHA256Digest.newInstance(state, 0));
		}
		catch (RuntimeException native_) {
			// a state of the pure-Java digest, saved by a node without native hashing: that digest continues it anywhere
			try {
				return new FileDigest(new SHA256Digest(state));
			}
			catch (RuntimeException java) {
				throw new IllegalArgumentException("the SHA-256 state of the checkpoint cannot be continued on this node",
						native_);
			}
		}
	}

	/** What hashes on this node, for the log at start (loading the native code before any export runs). */
	public static String implementation() {
		return SHA256Digest.newInstance().getClass().getSimpleName() + " ("
				+ CryptoServicesRegistrar.getNativeServices().getStatusMessage() + ")";
	}

	void update(byte[] bytes, int offset, int length) {
		this.digest.update(bytes, offset, length);
	}

	byte[] state() {
		return this.digest.getEncodedState();
	}

	/** Ends the digest: the lowercase hex SHA-256 of everything hashed. */
	String hex() {
		byte[] hash = new byte[this.digest.getDigestSize()];
		this.digest.doFinal(hash, 0);
		return HexFormat.of().formatHex(hash);
	}

}
