package org.earthchem.export.devstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3Proxy in this JVM over a folder as its blob store, checking signatures with the key pair local/local. */
public final class LocalS3 implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalS3.class);

	private final S3Proxy proxy;

	private final String endpoint;

	private LocalS3(S3Proxy proxy, String endpoint) {
		this.proxy = proxy;
		this.endpoint = endpoint;
	}

	/** Starts S3Proxy on the port with the bucket in {@code folder}, created when missing. */
	public static LocalS3 start(Path folder, String bucket, int port) {
		long started = System.nanoTime();
		try {
			Files.createDirectories(folder);
			FilesystemNio2BlobStore blobStore = new FilesystemNio2BlobStore(folder.toAbsolutePath().toString());
			if (!blobStore.containerExists(bucket)) {
				blobStore.createContainer(bucket);
			}
			String endpoint = "http://127.0.0.1:" + port;
			S3Proxy proxy = S3Proxy.builder()
				.blobStore(blobStore)
				.endpoint(URI.create(endpoint))
				.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "local", "local")
				.build();
			proxy.start();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> "STARTED".equals(proxy.getState()));
			log.info("S3Proxy up at {} in {} ms (objects in {})", endpoint, (System.nanoTime() - started) / 1_000_000,
					folder);
			return new LocalS3(proxy, endpoint);
		}
		catch (Exception ex) {
			throw new IllegalStateException("S3Proxy did not start", ex);
		}
	}

	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() throws Exception {
		this.proxy.stop();
	}

}
