package org.earthchem.export.notify;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.MailMarks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Wires the notifier to the mail sender that Spring Boot builds from {@code spring.mail.*}. */
@Configuration(proxyBeanMethods = false)
class NotifyConfig {

	@Bean
	Notifier notifier(JavaMailSender mailSender, MailMarks marks, NotifyProperties properties, ExportMetrics metrics) {
		return new Notifier(mailSender, marks, properties, metrics);
	}

}
