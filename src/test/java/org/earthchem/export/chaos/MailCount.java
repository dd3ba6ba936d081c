package org.earthchem.export.chaos;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.earthchem.export.support.Mails;

/**
 * The mails in GreenMail's mailboxes, read over IMAP as a mail client would, counted by the task id their text
 * names. GreenMail makes a mailbox for every address it receives mail for, its login and password the address.
 */
final class MailCount {

	private static final Pattern TASK_ID = Pattern.compile("Task id: (\\S+)");

	private MailCount() {
	}

	/**
	 * How many mails name each task, once every one of {@code taskIds} has at least one or 60 s have passed (mails go
	 * out after the task is final, off the export's thread), and the counts then stayed the same for 3 s.
	 */
	static Map<String, Integer> awaitCounts(int imapPort, Collection<String> addresses, Collection<String> taskIds)
			throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		Map<String, Integer> counts = byTask(imapPort, addresses);
		while (true) {
			Thread.sleep(3000);
			Map<String, Integer> again = byTask(imapPort, addresses);
			boolean complete = again.keySet().containsAll(taskIds);
			if (again.equals(counts) && complete || System.nanoTime() > deadline) {
				return again;
			}
			counts = again;
		}
	}

	/** How many mails name each task, over the mailboxes of these addresses. */
	static Map<String, Integer> byTask(int imapPort, Collection<String> addresses) throws Exception {
		Properties settings = new Properties();
		settings.setProperty("mail.imap.connectiontimeout", "10000");
		settings.setProperty("mail.imap.timeout", "30000");
		Session session = Session.getInstance(settings);
		Map<String, Integer> counts = new HashMap<>();
		for (String address : addresses) {
			Store store = session.getStore("imap");
			try {
				store.connect("127.0.0.1", imapPort, address, address);
			}
			catch (jakarta.mail.AuthenticationFailedException ex) {
				// no mail ever reached this address, so GreenMail has no mailbox for it
				continue;
			}
			try {
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				for (Message message : inbox.getMessages()) {
					Matcher task = TASK_ID.matcher(Mails.part(message, "text/plain"));
					if (task.find()) {
						counts.merge(task.group(1), 1, Integer::sum);
					}
				}
				inbox.close(false);
			}
			finally {
				store.close();
			}
		}
		return counts;
	}

}
