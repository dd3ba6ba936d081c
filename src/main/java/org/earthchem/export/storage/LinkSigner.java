package org.earthchem.export.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs the download links of stored files: each lasts {@code export.links.expiry}, or until the credentials it is
 * signed with expire, whichever comes first, and says when.
 */
final class LinkSigner {

	/** A link never lasts less than this, even when the signing credentials are about to be renewed. */
	private static final Duration SHORTEST_LINK = Duration.ofMinutes(1);

	private final S3Presigner presigner;

	private final LinkProperties links;

	private final Clock clock;

	/** The credentials links are signed with (null: the presigner's own), so that a link says when they expire. */
	private final AwsCredentialsProvider signing;

	LinkSigner(S3Presigner presigner, LinkProperties links, Clock clock, AwsCredentialsProvider signing) {
		this.presigner = presigner;
		this.links = links;
		this.clock = clock;
		this.signing = signing;
	}

	/**
	 * A pre-signed GET link that downloads the object as an attachment named {@code fileName}, for
	 * {@code export.links.expiry} or until the signing credentials expire, whichever comes first: a link signed with
	 * a role's session credentials stops working when the session ends, and its {@code expiresAt} says so (the
	 * task's view issues a new one once it has expired).
	 */
	IssuedLink presign(String bucket, String key, String fileName, String contentType) {
		Instant now = this.clock.instant();
		AwsCredentials credentials = (this.signing != null) ? this.signing.resolveCredentials() : null;
		Duration lifetime = this.links.expiry();
		if (credentials != null && credentials.expirationTime().isPresent()) {
			Duration left = Duration.between(now, credentials.expirationTime().get());
			if (left.compareTo(lifetime) < 0) {
				lifetime = (left.compareTo(SHORTEST_LINK) > 0) ? left : SHORTEST_LINK;
			}
		}
		Duration signatureDuration = lifetime.truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(signatureDuration);
		PresignedGetObjectRequest presigned = this.presigner.presignGetObject((p) -> p
			.signatureDuration(signatureDuration)
			.getObjectRequest((g) -> g.bucket(bucket)
				.overrideConfiguration((o) -> {
					if (credentials != null) {
						// signed with exactly the credentials whose expiry the link states
						o.credentialsProvider(StaticCredentialsProvider.create(credentials));
					}
				})
				.key(key)
				.responseContentType(contentType)
				.responseContentDisposition("attachment; filename=\"" + fileName + "\"; filename*=UTF-8''"
						+ SdkHttpUtils.urlEncode(fileName))));
		return new IssuedLink(presigned.url().toString(), expiresAt.truncatedTo(ChronoUnit.MILLIS));
	}

}
