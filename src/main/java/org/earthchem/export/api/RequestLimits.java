package org.earthchem.export.api;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on the shape of one request (what it may hold, before anything is searched; the limits on exports are
 * {@link org.earthchem.export.task.ExportLimits}).
 *
 * @param maxQueryLength longest query string, in characters (400 beyond)
 * @param maxParameters most query parameters in one request (400 beyond)
 * @param maxValueLength longest value of one parameter, in characters (400 beyond)
 * @param maxParameterNameLength longest name of one parameter, of the query or of a form body, in characters (400
 * beyond, the name shortened in the answer)
 */
@Validated
@ConfigurationProperties("export")
public record RequestLimits(@Min(64) @DefaultValue("4096") int maxQueryLength,
		@Min(1) @DefaultValue("50") int maxParameters, @Min(16) @DefaultValue("1024") int maxValueLength,
		@Min(16) @DefaultValue("128") int maxParameterNameLength) {
}
