package org.earthchem.export.devstack;

/** A deterministic source of demo documents for one OpenSearch index. */
public interface Generator {

	/** The index creation body: settings and mappings. */
	String mappingJson();

	/** Document number {@code i} as raw JSON text; the same {@code i} always gives the same text. */
	String document(long i);

	/** The {@code _id} (and {@code sample_id}) of document number {@code i}. */
	String id(long i);

}
