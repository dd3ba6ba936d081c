package org.earthchem.export.notify;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.MailMarks;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.text.UserText;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Tells the owner of a finished export by email and records the delivery in the task's audit trail; never throws. At
 * most one mail of each kind goes out per task, whichever node sends it (see {@link MailMarks}).
 */
public class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private static final String TASK_ID = "taskId";

	private static final String SUCCESS = "success";

	private static final String FAILURE = "failure";

	private final JavaMailSender mailSender;

	private final MailMarks marks;

	/** How long a claim to send a mail holds before another node may send it (its sender died while sending). */
	private static final Duration CLAIM_LIFE = Duration.ofMinutes(2);

	private final ExportMetrics metrics;

	private final NotifyProperties properties;

	private final RetryTemplate retries;

	public Notifier(JavaMailSender mailSender, MailMarks marks, NotifyProperties properties,
			ExportMetrics metrics) {
		this.marks = marks;
		this.metrics = metrics;
		this.mailSender = mailSender;
		this.properties = properties;
		// a mail that cannot be built (a bad address) fails the same way every time
		this.retries = new RetryTemplate(RetryPolicy.builder()
			.includes(MailException.class)
			.excludes(MailParseException.class, MailPreparationException.class)
			.maxRetries(properties.attempts() - 1)
			.delay(properties.retryDelay())
			.multiplier(2)
			.build());
	}

	/** Sends the owner of a Succeeded task its links; records NOTIFICATION_SENT or NOTIFICATION_FAILED. */
	public void exportSucceeded(ExportTask task) {
		sendAndRecord(task, SUCCESS, ExportMail::succeeded);
	}

	/** Tells the owner of a Failed task what went wrong; records NOTIFICATION_SENT or NOTIFICATION_FAILED. */
	public void exportFailed(ExportTask task) {
		sendAndRecord(task, FAILURE, ExportMail::failed);
	}

	/**
	 * For a final task whose mail may not have gone out (the node that finished it died first): sends it unless it was
	 * sent, or is being sent elsewhere.
	 * @return false while another node holds the claim to send it (look again later)
	 */
	public boolean ensureSent(ExportTask task) {
		String kind = switch (task.status()) {
			case SUCCEEDED -> SUCCESS;
			case FAILED -> FAILURE;
			default -> null;
		};
		if (kind == null || !this.properties.enabled() || this.marks.isDone(task, kind)) {
			return true;
		}
		sendAndRecord(task, kind, SUCCESS.equals(kind) ? ExportMail::succeeded : ExportMail::failed);
		return this.marks.isDone(task, kind);
	}

	private void sendAndRecord(ExportTask task, String kind, BiFunction<ExportTask, String, ExportMail> mail) {
		if (!this.properties.enabled() || task == null) {
			return;
		}
		String previousTaskId = MDC.get(TASK_ID);
		MDC.put(TASK_ID, task.taskId());
		try {
			if (!this.marks.claim(task.taskId(), kind, CLAIM_LIFE)) {
				log.info("Export {}: its {} mail is sent, or being sent, already", task.taskId(), kind);
				return;
			}
			String email = task.ownerEmail();
			if (email == null || email.isBlank()) {
				// a token's email claim is kept only when the identity provider verified it (email_verified)
				log.info("Export {}: no {} mail sent, owner {} has no verified email address", task.taskId(), kind,
						task.owner());
				record(task, kind, TaskEventType.NOTIFICATION_FAILED,
						"no " + kind + " mail sent: owner " + task.owner() + " has no verified email address");
				return;
			}
			String failure = send(task, kind, email.strip(), mail);
			if (failure == null) {
				record(task, kind, TaskEventType.NOTIFICATION_SENT, kind + " mail to " + email.strip());
			}
			else {
				record(task, kind, TaskEventType.NOTIFICATION_FAILED, failure);
			}
		}
		catch (RuntimeException ex) {
			// a mail must never fail an export
			log.warn("Export {}: the {} mail could not be handled", task.taskId(), kind, ex);
		}
		finally {
			if (previousTaskId != null) {
				MDC.put(TASK_ID, previousTaskId);
			}
			else {
				MDC.remove(TASK_ID);
			}
		}
	}

	/** Builds and sends the mail; null when it went out, else why not, in words fit for the audit trail. */
	private String send(ExportTask task, String kind, String email, BiFunction<ExportTask, String, ExportMail> mail) {
		InternetAddress to;
		try {
			to = new InternetAddress(email, true);
			to.validate();
		}
		catch (AddressException ex) {
			// the address is not valid, so it may hold anything: escaped before it reaches a log line or an event
			log.warn("Export {}: no {} mail sent, the address of owner {} is not valid: {}", task.taskId(), kind,
					task.owner(), UserText.escapeControls(ex.getMessage()));
			return kind + " mail not sent: the owner's email address '" + UserText.escapeControls(email)
					+ "' is not valid";
		}
		MimeMessage message;
		try {
			message = message(mail.apply(task, this.properties.consoleUrl()), to);
		}
		catch (MessagingException | UnsupportedEncodingException | RuntimeException ex) {
			log.warn("Export {}: the {} mail to {} could not be built", task.taskId(), kind, email, ex);
			return kind + " mail to " + email + " not sent: it could not be built (" + summary(ex) + ")";
		}
		AtomicInteger attempt = new AtomicInteger();
		try {
			this.retries.execute(() -> {
				int number = attempt.incrementAndGet();
				try {
					this.mailSender.send(message);
					return null;
				}
				catch (MailException ex) {
					log.warn("Export {}: attempt {} of {} to send the {} mail to {} failed: {}", task.taskId(), number,
							this.properties.attempts(), kind, email, summary(ex));
					throw ex;
				}
			});
			log.info("Export {}: {} mail sent to {}", task.taskId(), kind, email);
			return null;
		}
		catch (RetryException ex) {
			Throwable last = (ex.getCause() != null) ? ex.getCause() : ex;
			log.warn("Export {}: gave up sending the {} mail to {} after {} attempt(s)", task.taskId(), kind, email,
					attempt.get(), last);
			return kind + " mail to " + email + " not sent after " + attempt.get()
					+ ((attempt.get() == 1) ? " attempt: " : " attempts: ") + summary(last);
		}
		catch (RuntimeException ex) {
			log.warn("Export {}: the {} mail to {} could not be sent", task.taskId(), kind, email, ex);
			return kind + " mail to " + email + " not sent: " + summary(ex);
		}
	}

	private MimeMessage message(ExportMail mail, InternetAddress to)
			throws MessagingException, UnsupportedEncodingException {
		MimeMessage message = this.mailSender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
		helper.setFrom(new InternetAddress(this.properties.from(), true));
		helper.setTo(to);
		helper.setSubject(mail.subject());
		helper.setSentDate(new Date());
		// text and HTML as alternatives of one another, and nothing else: no attachments, no inline images
		MimeBodyPart text = new MimeBodyPart();
		text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		// RFC 3834: out-of-office replies should not answer it
		message.setHeader("Auto-Submitted", "auto-generated");
		return message;
	}

	/** The mail of {@code kind} is handled for good (sent, or failed in a way another try would repeat). */
	private void record(ExportTask task, String kind, TaskEventType type, String detail) {
		this.metrics.notification(type == TaskEventType.NOTIFICATION_SENT ? "sent" : "failed");
		try {
			this.marks.done(task.taskId(), kind, type, detail);
		}
		catch (RuntimeException ex) {
			log.warn("Export {}: could not record {} ({})", task.taskId(), type, detail, ex);
		}
	}

	/**
	 * What went wrong in one line, without a stack trace or class names: the messages along the chain of causes, such
	 * as {@code Mail server connection failed: Couldn't connect to host, port: …: Connection refused} or an SMTP
	 * reply like {@code 554 Message rejected: Email address is not verified}.
	 */
	static String summary(Throwable failure) {
		List<String> parts = new ArrayList<>();
		Throwable next = failure;
		if (failure instanceof MailSendException send) {
			// its message lists every failed message with class names and nested causes; the first cause says it
			String message = firstLine(failure);
			int details = message.indexOf(". Failed messages:");
			parts.add((details >= 0) ? message.substring(0, details) : message);
			Exception[] causes = send.getMessageExceptions();
			next = (causes.length > 0) ? causes[0] : failure.getCause();
		}
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		while (next != null && seen.add(next) && seen.size() <= 10) {
			String message = firstLine(next);
			if (parts.stream().noneMatch((part) -> part.contains(message))) {
				parts.add(message);
			}
			next = next.getCause();
		}
		String text = String.join(": ", parts);
		return (text.length() > 300) ? text.substring(0, 297) + "..." : text;
	}

	/** The first line of a message, without Jakarta Mail's "; nested exception is:" tail. */
	private static String firstLine(Throwable failure) {
		String message = failure.getMessage();
		if (message == null || message.isBlank()) {
			return failure.getClass().getSimpleName();
		}
		int end = message.indexOf('\n');
		String line = ((end < 0) ? message : message.substring(0, end)).strip();
		return line.endsWith(";") ? line.substring(0, line.length() - 1).strip() : line;
	}

}
