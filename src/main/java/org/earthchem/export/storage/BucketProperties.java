package org.earthchem.export.storage;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where finished exports are kept.
 *
 * @param bucket the S3 bucket
 * @param keyPrefix first segment of every object key: {@code {prefix}/{source}/{yyyy}/{MM}/{taskId}/{file}}
 * @param sse server-side encryption: {@code AES256} (S3-managed keys), {@code aws:kms} (with {@code kmsKeyId}, or
 * the bucket's AWS-managed key) or {@code none} (only for S3 look-alikes without encryption, such as the local stack)
 * @param kmsKeyId the KMS key for {@code aws:kms}
 * @param partSize multipart upload part size (at least 5 MB); a running export holds two buffers of this size, one
 * filling while the other is uploaded
 * @param sweepInterval how often unfinished multipart uploads of tasks that no longer run are aborted
 */
@Validated
@ConfigurationProperties("export.s3")
public record BucketProperties(@NotBlank @DefaultValue("earthchem-exports") String bucket,
		@NotBlank @DefaultValue("exports") String keyPrefix,
		@NotNull @Pattern(regexp = "AES256|aws:kms|none") @DefaultValue("AES256") String sse, String kmsKeyId,
		@NotNull @DefaultValue("8MB") DataSize partSize, @NotNull @DefaultValue("10m") Duration sweepInterval) {

	/** The part size in bytes: what a part buffer holds before its part is uploaded. */
	public int partSizeBytes() {
		return Math.toIntExact(this.partSize.toBytes());
	}

	public BucketProperties {
		if (partSize != null && partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
			throw new IllegalArgumentException("export.s3.part-size must be at least 5MB (an S3 limit)");
		}
	}

}
