package org.earthchem.export.metrics;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spans are recorded only when something exports them. With no span exporter (no OTLP endpoint configured) every span
 * is left unsampled: its trace and span ids still travel (the logs, problem details and queue messages carry them),
 * but no span is built, timed and then thrown away by a processor with nowhere to send it. With an exporter, a span
 * follows its parent's decision, and a new trace is sampled at {@code management.tracing.sampling.probability}.
 */
@Configuration(proxyBeanMethods = false)
class TraceSampling {

	private static final Logger log = LoggerFactory.getLogger(TraceSampling.class);

	@Bean
	Sampler exportTraceSampler(ObjectProvider<SpanExporter> exporters, TracingProperties tracing) {
		if (exporters.stream().findAny().isEmpty()) {
			log.info("No span exporter is configured: trace ids are kept in logs and messages, spans are not recorded");
			return Sampler.alwaysOff();
		}
		return Sampler.parentBased(Sampler.traceIdRatioBased(tracing.getSampling().getProbability()));
	}

}
