package org.earthchem.export.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for the local servers, the services the tests start, and the tests' dead ends. */
public final class Ports {

	private Ports() {
	}

	/** A port nothing listens on at this moment, for a server about to start on it. */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The preferred port when it is free (make run keeps its ports between runs), else any free one. */
	public static int freeOr(int preferred) {
		try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return preferred;
		}
		catch (IOException ex) {
			return free();
		}
	}

	/** A loopback address where nothing answers: a server that is down. */
	public static String deadEnd() {
		return "http://127.0.0.1:" + free();
	}

}
