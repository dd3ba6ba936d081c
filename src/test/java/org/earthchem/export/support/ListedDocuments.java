package org.earthchem.export.support;

import java.util.List;

import org.earthchem.export.devstack.DemoIndices;
import org.earthchem.export.devstack.Generator;

/**
 * A hand-made test index: its creation body and its documents, listed in full; document {@code i} (from 1) has
 * the id {@code idFormat} formatted with {@code i}.
 */
record ListedDocuments(String mappingJson, List<String> documents, String idFormat) implements Generator {

	ListedDocuments {
		documents = List.copyOf(documents);
	}

	@Override
	public String document(long i) {
		return this.documents.get((int) i - 1);
	}

	@Override
	public String id(long i) {
		return String.format(this.idFormat, i);
	}

	/** Creates the index unless it holds every document already, and loads them. */
	void seed(String openSearchUrl, String index) {
		DemoIndices.seed(openSearchUrl, index, this, this.documents.size());
	}

}
