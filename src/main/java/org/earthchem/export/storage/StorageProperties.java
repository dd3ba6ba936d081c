package org.earthchem.export.storage;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Temporary files on this node.
 *
 * @param workDir encrypted part files of running exports (kept after a failure so a restart can resume)
 * @param masterKey Base64 of 32 random bytes that wraps each export's data key; from {@code EXPORT_MASTER_KEY}
 * only (the local stack generates one under {@code .local/})
 */
@Validated
@ConfigurationProperties("export.storage")
public record StorageProperties(@NotNull @DefaultValue(".local/work") Path workDir, String masterKey) {

	@Override
	public String toString() {
		return "StorageProperties[workDir=" + this.workDir + ", masterKey=" + (this.masterKey == null ? "unset" : "***")
				+ "]";
	}

}
