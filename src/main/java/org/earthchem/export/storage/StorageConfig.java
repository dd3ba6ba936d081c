package org.earthchem.export.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the work folders and the file storage. */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

	@Bean
	TempFiles tempFiles(StorageProperties properties) {
		return new TempFiles(properties.workDir());
	}

	@Bean
	ExportStorage exportStorage(StorageProperties properties) {
		return new LocalExportStorage(properties.localDir());
	}

}
