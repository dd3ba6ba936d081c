package org.earthchem.export.job.run;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The name of this node, {@code export.node-id}, or its host name and HTTP port when unset: the task record, its
 * {@code Processing} and {@code RESUMED} events and the operators' queue view say which node runs an export.
 */
public class NodeId implements ApplicationListener<WebServerInitializedEvent> {

	private final String configured;

	private volatile String value;

	public NodeId(String configured) {
		this.configured = (configured == null || configured.isBlank()) ? null : configured.trim();
		this.value = (this.configured != null) ? this.configured : hostName();
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.configured == null) {
			this.value = hostName() + ":" + event.getWebServer().getPort();
		}
	}

	public String value() {
		return this.value;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
