package org.earthchem.export.job;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch's execution contexts are stored as JSON (Batch's Jackson 3 serializer, whose type validator admits
 * only JDK value types and Batch's own), not with Java serialization (Batch's default): with Java serialization,
 * whoever can write the job-repository tables could make every node run code of theirs when it reads a context.
 * Spring Boot's job repository takes this bean. The export job keeps only strings and numbers in its contexts.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionContexts {

	@Bean
	ExecutionContextSerializer executionContextSerializer() {
		return new JacksonExecutionContextStringSerializer();
	}

}
