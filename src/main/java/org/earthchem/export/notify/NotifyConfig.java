package org.earthchem.export.notify;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.TaskStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Wires the notifier to the mail sender that Spring Boot builds from {@code spring.mail.*}. */
@Configuration(proxyBeanMethods = false)
class NotifyConfig {

	@Bean
	Notifier notifier(JavaMailSender mailSender, TaskStore tasks, NotifyProperties properties, ExportMetrics metrics) {
		return new Notifier(mailSender, tasks, properties, metrics);
	}

}
