package org.earthchem.export.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route whose query string is a search of the {@code {source}} path variable's source: its OpenAPI operation
 * lists every loaded source's search parameters (see {@link SearchParameterDocs}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface SearchParameters {

}
