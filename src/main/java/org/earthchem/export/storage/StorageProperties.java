package org.earthchem.export.storage;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where files live on this node.
 *
 * @param workDir temporary part files of running exports (kept after a failure so a restart can resume)
 * @param localDir finished files, when they are stored on this node rather than in S3
 */
@Validated
@ConfigurationProperties("export.storage")
public record StorageProperties(@NotNull @DefaultValue(".local/work") Path workDir,
		@NotNull @DefaultValue(".local/files") Path localDir) {
}
