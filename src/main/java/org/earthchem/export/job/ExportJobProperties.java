package org.earthchem.export.job;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How an export job reads and writes.
 *
 * @param workers exports this node runs at once: the job's worker threads, the queue messages it holds, the part
 * uploads in flight
 * @param maxRowsPerFile rows per file; a larger result is split into numbered parts
 * @param pageSize documents per search page, which is also the commit interval of the extract step
 * @param pitKeepAlive how long the point-in-time stays open between two pages
 * @param formulaGuard prefix CSV text that starts with {@code = + - @}, tab or CR with {@code '}
 * @param progressInterval least time between two progress writes to the task table, which are also when a
 * running export learns that it was cancelled
 * @param maxAttempts executions an export may take in all when it fails for a reason that may pass (the search
 * cluster unreachable); each retry resumes after the last committed chunk
 * @param retryBackoff wait before the first retry, doubled for each further one
 * @param maxInterruptions takeovers an export may have in all when the node running it goes silent (dies, freezes
 * past its lease): these are not failures of the export and do not use up {@code maxAttempts}, but an export whose
 * nodes keep dying stops after this many
 * @param outageLimit how long a running export waits for an unreachable search cluster (refused, timeout, 429, 5xx)
 * before it fails with {@code SOURCE_UNAVAILABLE}: it retries its page read meanwhile and goes on from where it was
 * when the cluster answers, without using up an attempt
 * @param pageRetryDelay wait before the first retry of a page read, doubled for each further one up to
 * {@code outageMaxDelay}
 * @param outageMaxDelay the longest wait between two retries of a page read while the search cluster is unreachable
 * @param lease how long a running export may go without a heartbeat before it is taken as interrupted and resumed
 * (heartbeats every quarter lease); under two thirds of {@code export.queue.visibility-timeout}, so that a message
 * back from a dead node finds it silent
 * @param nodeId this node's name in the task record, its events and the queue view ({@code EXPORT_NODE_ID}; unset:
 * host name and HTTP port)
 * @param warmUpRows documents of the sources read and formatted (CSV and JSON, into nothing) when the service starts,
 * before it reports ready, so that its first export does not pay for the JIT compiling the row pipeline; 0: none
 * @param warmUpRequests parts of a throw-away upload sent to the bucket, and reads of the task table, when the service
 * starts (after the rows), so that the JIT compiles the AWS SDK's request paths before the first export; 0: none
 * @param warmUpParts parts of the export part size ({@code export.s3.part-size}) sent to the same throw-away upload
 * after those requests, so that the streaming and signing of a whole part is compiled too (and a local S3's receiving
 * of one); 0: none
 * @param warmUpCompilerWait after the warm-ups, how long the service may wait for the JIT compilers to catch up with
 * what they made hot before it reports ready (it waits until they are nearly idle); 0: no wait
 * @param gzipLevel the deflate level of {@code compression=gzip} files, 1 (fastest) to 9 (smallest); 4 compresses
 * this data nearly as well as 6 at three times the speed
 */
@Validated
@ConfigurationProperties("export")
public record ExportJobProperties(@Min(1) @Max(64) @DefaultValue("3") int workers,
		@Min(1) @DefaultValue("80000") long maxRowsPerFile,
		@Min(1) @Max(10000) @DefaultValue("1000") int pageSize, @NotNull @DefaultValue("10m") Duration pitKeepAlive,
		@DefaultValue("true") boolean formulaGuard, @NotNull @DefaultValue("2s") Duration progressInterval,
		@Min(1) @DefaultValue("3") int maxAttempts, @NotNull @DefaultValue("10s") Duration retryBackoff,
		@Min(1) @DefaultValue("10") int maxInterruptions,
		@NotNull @DefaultValue("30m") Duration outageLimit, @NotNull @DefaultValue("500ms") Duration pageRetryDelay,
		@NotNull @DefaultValue("30s") Duration outageMaxDelay,
		@NotNull @DefaultValue("15s") Duration lease, String nodeId, @Min(0) @DefaultValue("60000") long warmUpRows,
		@Min(0) @DefaultValue("400") int warmUpRequests, @Min(0) @DefaultValue("4") int warmUpParts,
		@NotNull @DefaultValue("20s") Duration warmUpCompilerWait,
		@Min(1) @Max(9) @DefaultValue("4") int gzipLevel) {
}
