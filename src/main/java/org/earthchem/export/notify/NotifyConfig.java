package org.earthchem.export.notify;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.MailMarks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Wires the notifier to the mail sender that Spring Boot builds from {@code spring.mail.*}, and to the finished
 * exports through a pool of its own.
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfig {

	@Bean
	Notifier notifier(JavaMailSender mailSender, MailMarks marks, NotifyProperties properties, ExportMetrics metrics) {
		return new Notifier(mailSender, marks, properties, metrics);
	}

	/** Sends the mails of finished exports; on shutdown it finishes the mails it holds. */
	@Bean
	ThreadPoolTaskExecutor exportMailSender() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setThreadNamePrefix("export-mail-");
		executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		executor.initialize();
		return executor;
	}

	@Bean
	ExportNotices exportNotices(Notifier notifier, ThreadPoolTaskExecutor exportMailSender) {
		return new ExportNotices(notifier, exportMailSender);
	}

}
