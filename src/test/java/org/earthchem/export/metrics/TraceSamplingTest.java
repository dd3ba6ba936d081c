package org.earthchem.export.metrics;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;

import static org.assertj.core.api.Assertions.assertThat;

class TraceSamplingTest {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	@Test
	void withoutASpanExporterNoSpanIsRecorded() {
		Sampler sampler = sampler(new StaticListableBeanFactory());

		assertThat(decision(sampler)).isEqualTo(SamplingDecision.DROP);
	}

	@Test
	void withASpanExporterANewTraceIsSampledAtTheConfiguredProbability() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("otlp", SpanExporter.composite());

		assertThat(decision(sampler(beans))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	private static Sampler sampler(StaticListableBeanFactory beans) {
		TracingProperties tracing = new TracingProperties();
		tracing.getSampling().setProbability(1.0f);
		return new TraceSampling().exportTraceSampler(beans.getBeanProvider(SpanExporter.class), tracing);
	}

	private static SamplingDecision decision(Sampler sampler) {
		return sampler.shouldSample(Context.root(), TRACE_ID, "GET /api/v1/exports/{taskId}", SpanKind.SERVER,
				Attributes.empty(), List.of()).getDecision();
	}

}
