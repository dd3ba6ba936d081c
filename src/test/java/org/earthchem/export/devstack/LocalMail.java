package org.earthchem.export.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GreenMail in this JVM: SMTP for the service's mails, IMAP to read them, a mailbox per demo user. */
public final class LocalMail implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalMail.class);

	private final GreenMail greenMail;

	private LocalMail(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	/** @param mailboxes addresses whose login and password are the address itself */
	public static LocalMail start(int smtpPort, int imapPort, String... mailboxes) {
		GreenMail greenMail = new GreenMail(
				new ServerSetup[] { new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
						new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		greenMail.start();
		for (String mailbox : mailboxes) {
			greenMail.setUser(mailbox, mailbox, mailbox);
		}
		LocalMail mail = new LocalMail(greenMail);
		log.info("GreenMail up: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}", mail.smtpPort(), mail.imapPort());
		return mail;
	}

	public GreenMail greenMail() {
		return this.greenMail;
	}

	public int smtpPort() {
		return this.greenMail.getSmtp().getPort();
	}

	public int imapPort() {
		return this.greenMail.getImap().getPort();
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
