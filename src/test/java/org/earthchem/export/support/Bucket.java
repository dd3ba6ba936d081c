package org.earthchem.export.support;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Clients of the local S3 (S3Proxy) for tests that look into the bucket themselves: its credentials, path-style
 * addresses, and the endpoint always given (the SDK would otherwise follow AWS_ENDPOINT_URL_S3 from the shell).
 */
public final class Bucket {

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("local", "local"));

	private Bucket() {
	}

	public static S3Client client(String endpoint) {
		return S3Client.builder()
			.endpointOverride(URI.create(endpoint))
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.forcePathStyle(true)
			.build();
	}

	public static S3Presigner presigner(String endpoint) {
		return S3Presigner.builder()
			.endpointOverride(URI.create(endpoint))
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.build();
	}

}
