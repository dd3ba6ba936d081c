package org.earthchem.export.notify;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.earthchem.export.devstack.Ports;
import org.earthchem.export.metrics.ExportMetrics;
import org.earthchem.export.support.IntegrationTest;
import org.earthchem.export.support.Mails;
import org.earthchem.export.support.StoredTasks;
import org.earthchem.export.task.ErrorCode;
import org.earthchem.export.task.ExportFile;
import org.earthchem.export.task.ExportTask;
import org.earthchem.export.task.MailMarks;
import org.earthchem.export.task.Progress;
import org.earthchem.export.task.TaskError;
import org.earthchem.export.task.TaskEvent;
import org.earthchem.export.task.TaskEventType;
import org.earthchem.export.task.TaskIds;
import org.earthchem.export.task.TaskStatus;
import org.earthchem.export.task.TaskStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/** The notifier sends real mail over SMTP to GreenMail and records each delivery, or its failure, in the task. */
class NotifierTest extends IntegrationTest {

	@Autowired
	private MailMarks marks;

	@Autowired
	private Notifier notifier;

	@Autowired
	private TaskStore tasks;

	@Autowired
	private JavaMailSender mailSender;

	// each test has an owner and an address of its own: GreenMail is shared by the whole suite
	private final String owner = "notifier-test-" + UUID.randomUUID();

	private final String email = this.owner + "@example.org";

	// the tasks are stored Pending: none may be left for a reconciler pass to export and mail
	private final StoredTasks stored = new StoredTasks(this.owner);

	@AfterEach
	void endStoredTasks() {
		this.stored.end(this.tasks);
	}

	private ExportTask pendingTask(String email) {
		String queryKey = UUID.randomUUID().toString().replace("-", "");
		ExportTask task = ExportTask.pending(TaskIds.newId("petdb", queryKey, this.tasks.now()), "petdb", "csv",
				"material=rock&sio2.min=45", queryKey, this.owner, email, this.tasks.now(), 1500L);
		assertThat(StoredTasks.create(this.tasks, task)).isTrue();
		this.stored.add(task.taskId());
		return task;
	}

	private ExportTask succeededTask(String email) {
		ExportTask task = pendingTask(email);
		List<ExportFile> files = List.of(ExportFile
			.stored(task.taskId() + "-part-001.csv", 1500, 345_678, "ab".repeat(32), "exports/" + task.taskId())
			.withLink("http://127.0.0.1:9/bucket/" + task.taskId() + "-part-001.csv?X-Amz-Expires=604800&X-Amz-Signature=f00",
					this.tasks.now().plus(7, ChronoUnit.DAYS)));
		return new ExportTask(task.taskId(), task.source(), task.fileType(), task.query(), task.queryKey(), task.owner(),
				task.ownerEmail(), TaskStatus.SUCCEEDED, new Progress(1500, 1500L), 1, task.createdAt(),
				task.createdAt(), this.tasks.now(), null, files, 1L, "node-1");
	}

	private ExportTask failedTask(String email) {
		ExportTask task = pendingTask(email);
		return new ExportTask(task.taskId(), task.source(), task.fileType(), task.query(), task.queryKey(), task.owner(),
				task.ownerEmail(), TaskStatus.FAILED, new Progress(200, 1500L), 3, task.createdAt(), task.createdAt(),
				this.tasks.now(), new TaskError(ErrorCode.SOURCE_UNAVAILABLE,
						"The search cluster could not be reached. Please request the export again later."),
				List.of(), 3L, "node-1");
	}

	private List<TaskEvent> notificationEvents(ExportTask task) {
		return this.tasks.events(task.taskId())
			.stream()
			.filter((event) -> event.type() == TaskEventType.NOTIFICATION_SENT
					|| event.type() == TaskEventType.NOTIFICATION_FAILED)
			.toList();
	}

	@Test
	void aSucceededExportSendsItsOwnerAMailWithTextAndHtmlAndTheLinkAndRecordsNotificationSent() throws Exception {
		ExportTask task = succeededTask(this.email);

		this.notifier.exportSucceeded(task);

		MimeMessage mail = Mails.awaitOneTo(this.email);
		assertThat(mail.getSubject()).isEqualTo("Your petdb export is ready");
		assertThat(mail.getFrom()).extracting(Address::toString).containsExactly("EarthChem exports <exports@earthchem.org>");
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		String link = task.files().get(0).downloadUrl();
		assertThat(Mails.part(mail, "text/plain")).contains("Download: " + link, "material: rock", "sio2 ≥ 45",
				"1,500 rows, 345.7 kB", task.taskId());
		assertThat(Mails.part(mail, "text/html")).contains("<a href=\"" + link.replace("&", "&amp;") + "\"", task.taskId());
		assertThat(notificationEvents(task)).extracting(TaskEvent::type, TaskEvent::detail)
			.containsExactly(tuple(TaskEventType.NOTIFICATION_SENT, "success mail to " + this.email));
	}

	@Test
	void aFailedExportSendsItsOwnerAMailWithWhatWentWrongAndRecordsNotificationSent() throws Exception {
		ExportTask task = failedTask(this.email);

		this.notifier.exportFailed(task);

		MimeMessage mail = Mails.awaitOneTo(this.email);
		assertThat(mail.getSubject()).isEqualTo("Your petdb export failed");
		assertThat(Mails.part(mail, "text/plain")).contains("The search cluster could not be reached.",
				"SOURCE_UNAVAILABLE", task.taskId(), "Request the export again");
		assertThat(Mails.part(mail, "text/html")).contains("The search cluster could not be reached.", "SOURCE_UNAVAILABLE",
				task.taskId());
		assertThat(notificationEvents(task)).extracting(TaskEvent::type, TaskEvent::detail)
			.containsExactly(tuple(TaskEventType.NOTIFICATION_SENT, "failure mail to " + this.email));
	}

	@Test
	void theMailCanBeReadOverImapLikeAMailClientWould() throws Exception {
		ExportTask task = succeededTask(this.email);

		this.notifier.exportSucceeded(task);
		Mails.awaitOneTo(this.email);

		Properties properties = new Properties();
		properties.put("mail.imap.connectiontimeout", "5000");
		properties.put("mail.imap.timeout", "5000");
		Store store = Session.getInstance(properties).getStore("imap");
		// GreenMail creates the mailbox of an unknown recipient on delivery, with the address as login and password
		store.connect("127.0.0.1", stack().mail().getImap().getPort(), this.email, this.email);
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			try {
				Message[] messages = inbox.getMessages();
				assertThat(messages).hasSize(1);
				assertThat(messages[0].getSubject()).isEqualTo("Your petdb export is ready");
				assertThat(Mails.part(messages[0], "text/plain")).contains("sio2 ≥ 45", task.taskId());
				assertThat(Mails.part(messages[0], "text/html")).contains(task.taskId());
			}
			finally {
				inbox.close(false);
			}
		}
		finally {
			store.close();
		}
	}

	@Test
	void aMailServerOutOfReachDoesNotThrowAndRecordsNotificationFailed() {
		ExportTask task = succeededTask(this.email);
		int closedPort = Ports.free();
		JavaMailSenderImpl unreachable = new JavaMailSenderImpl();
		unreachable.setHost("127.0.0.1");
		unreachable.setPort(closedPort);
		unreachable.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		Notifier notifier = new Notifier(unreachable, this.marks,
				new NotifyProperties(true, "EarthChem exports <exports@earthchem.org>", 2, Duration.ofMillis(10), null),
				new ExportMetrics(new SimpleMeterRegistry(), new StaticListableBeanFactory().getBeanProvider(Tracer.class)));

		assertThatNoException().isThrownBy(() -> notifier.exportSucceeded(task));

		assertThat(notificationEvents(task)).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(TaskEventType.NOTIFICATION_FAILED);
			assertThat(event.detail()).startsWith("success mail to " + this.email + " not sent after 2 attempts: ")
				.doesNotContain("\tat ", "Exception:");
		});
		assertThat(Mails.to(this.email)).isEmpty();
	}

	@Test
	void theMailSenderHasTenSecondTimeoutsAndStartTlsFromTheApplicationSettings() {
		assertThat(((JavaMailSenderImpl) this.mailSender).getJavaMailProperties()).containsEntry(
				"mail.smtp.connectiontimeout", "10000")
			.containsEntry("mail.smtp.timeout", "10000")
			.containsEntry("mail.smtp.writetimeout", "10000")
			.containsEntry("mail.smtp.starttls.enable", "true");
	}

	@Test
	void aTaskWithoutAnEmailAddressRecordsNotificationFailedAndSendsNothing() {
		ExportTask task = failedTask(null);

		this.notifier.exportFailed(task);

		assertThat(notificationEvents(task)).extracting(TaskEvent::type, TaskEvent::detail)
			.containsExactly(tuple(TaskEventType.NOTIFICATION_FAILED,
					"no failure mail sent: owner " + this.owner + " has no verified email address"));
		// the notifier sends before it returns: a mail would be in GreenMail now, to whatever address
		assertThat(Mails.mentioning(task.taskId())).as("mails mentioning the task").isEmpty();
	}

	@Test
	void aDisabledNotifierSendsNothingAndRecordsNothing() {
		ExportTask task = succeededTask(this.email);
		Notifier disabled = new Notifier(new JavaMailSenderImpl(), this.marks,
				new NotifyProperties(false, "EarthChem exports <exports@earthchem.org>", 3, Duration.ofMillis(10), null),
				new ExportMetrics(new SimpleMeterRegistry(), new StaticListableBeanFactory().getBeanProvider(Tracer.class)));

		disabled.exportSucceeded(task);

		assertThat(notificationEvents(task)).isEmpty();
		assertThat(Mails.to(this.email)).isEmpty();
	}

}
