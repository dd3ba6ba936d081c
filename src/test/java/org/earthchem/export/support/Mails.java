package org.earthchem.export.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import static org.awaitility.Awaitility.await;

/** The mails the test stack's GreenMail holds: shared by the whole suite, so always read by address and content. */
public final class Mails {

	private Mails() {
	}

	/** Every mail delivered to the address so far. */
	public static List<MimeMessage> to(String address) {
		return Arrays.stream(TestStack.get().mail().getReceivedMessages())
			.filter((message) -> isTo(message, address))
			.toList();
	}

	/** The first mail to the address, once one has arrived. */
	public static MimeMessage awaitOneTo(String address) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> to(address),
				(messages) -> !messages.isEmpty()).get(0);
	}

	/** The plain-text part of the mail to the address that mentions the text (a task id), once it has arrived. */
	public static String awaitTextTo(String address, String mentioning) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> textTo(address, mentioning), Optional::isPresent)
			.get();
	}

	private static Optional<String> textTo(String address, String mentioning) throws Exception {
		for (MimeMessage message : to(address)) {
			if (message.getContent() instanceof Multipart) {
				String text = part(message, "text/plain");
				if (text.contains(mentioning)) {
					return Optional.of(text);
				}
			}
		}
		return Optional.empty();
	}

	/** Every mail delivered so far, to anyone, whose text mentions the text (a task id). */
	public static List<MimeMessage> mentioning(String text) {
		return Arrays.stream(TestStack.get().mail().getReceivedMessages()).filter((message) -> {
			try {
				return message.getContent() instanceof Multipart && part(message, "text/plain").contains(text);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	/** The part of a multipart/alternative mail of that type. */
	public static String part(Message message, String mimeType) throws Exception {
		Multipart alternative = (Multipart) message.getContent();
		for (int i = 0; i < alternative.getCount(); i++) {
			if (alternative.getBodyPart(i).isMimeType(mimeType)) {
				return (String) alternative.getBodyPart(i).getContent();
			}
		}
		throw new AssertionError("no " + mimeType + " part in " + message.getContentType());
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			Address[] to = message.getRecipients(Message.RecipientType.TO);
			return to != null && Arrays.stream(to)
				.anyMatch((a) -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

}
