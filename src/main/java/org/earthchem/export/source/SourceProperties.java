package org.earthchem.export.source;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the source definitions are.
 *
 * @param sourcesDir folder of {@code *.yml} source files ({@code EXPORT_SOURCES_DIR})
 */
@Validated
@ConfigurationProperties("export")
public record SourceProperties(@NotNull @DefaultValue("batch-config/sources") Path sourcesDir) {
}
