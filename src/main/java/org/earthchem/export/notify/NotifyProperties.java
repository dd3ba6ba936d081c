package org.earthchem.export.notify;

import java.net.URI;
import java.time.Duration;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The emails that tell a user an export has finished.
 *
 * @param enabled send them at all; when false, nothing is sent and nothing is recorded
 * @param from the sender, an RFC 5322 address with an optional display name (with Amazon SES, an identity verified
 * for the account)
 * @param attempts send attempts in all for one mail, the first included, before it is given up and recorded as
 * NOTIFICATION_FAILED
 * @param retryDelay wait before the second attempt, doubled for each further one
 * @param consoleUrl base URL of the service as users reach it (such as {@code https://exports.earthchem.org}), for a
 * link to the task in the console; no link when unset
 */
@Validated
@ConfigurationProperties("export.mail")
public record NotifyProperties(@DefaultValue("true") boolean enabled,
		@NotBlank @DefaultValue("EarthChem exports <exports@earthchem.org>") String from,
		@Min(1) @DefaultValue("3") int attempts, @NotNull @DefaultValue("2s") Duration retryDelay, String consoleUrl) {

	public NotifyProperties {
		if (from != null && !from.isBlank()) {
			try {
				new InternetAddress(from, true).validate();
			}
			catch (AddressException ex) {
				throw new IllegalArgumentException("export.mail.from is not a valid email address: " + from, ex);
			}
		}
		if (retryDelay != null && retryDelay.isNegative()) {
			throw new IllegalArgumentException("export.mail.retry-delay must not be negative");
		}
		if (consoleUrl != null && consoleUrl.isBlank()) {
			consoleUrl = null;
		}
		if (consoleUrl != null) {
			URI uri = URI.create(consoleUrl);
			if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					|| uri.getHost() == null) {
				throw new IllegalArgumentException("export.mail.console-url must be an absolute http(s) URL");
			}
			// one form, so that links are built by appending a path
			consoleUrl = consoleUrl.replaceAll("/+$", "");
		}
	}

}
