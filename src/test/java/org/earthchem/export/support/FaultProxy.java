package org.earthchem.export.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the search cluster that a test can slow down or cut, to see what the service does when
 * the cluster goes away in the middle of an export (the node itself is shared by every test and stays up).
 */
public final class FaultProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private volatile long bytesPerSecond;

	private volatile long uploadBytesPerSecond;

	private final java.util.concurrent.atomic.AtomicInteger toRefuse = new java.util.concurrent.atomic.AtomicInteger();

	public FaultProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "fault-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Drops every connection and refuses new ones, as a stopped node would. */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
	}

	/** Drops every connection, refuses the next {@code connections} new ones, then lets traffic through again. */
	public void cutFor(int connections) {
		this.toRefuse.set(connections);
		this.cut = true;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
	}

	/** Runs the call with every connection cut ({@link #cut()}), and lets traffic through again after it. */
	public <T> T whileCut(java.util.function.Supplier<T> call) {
		cut();
		try {
			return call.get();
		}
		finally {
			restore();
		}
	}

	/** Lets traffic through again at full speed. */
	public void restore() {
		this.bytesPerSecond = 0;
		this.uploadBytesPerSecond = 0;
		this.toRefuse.set(0);
		this.cut = false;
	}

	/** Limits what flows from the cluster to the service (0 = no limit). */
	public void throttle(long bytesPerSecond) {
		this.bytesPerSecond = bytesPerSecond;
	}

	/** Limits what flows from the service to the target, e.g. uploads to S3 (0 = no limit). */
	public void throttleUploads(long bytesPerSecond) {
		this.uploadBytesPerSecond = bytesPerSecond;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					closeQuietly(client);
					if (this.toRefuse.get() > 0 && this.toRefuse.decrementAndGet() == 0) {
						this.cut = false;
					}
					continue;
				}
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.open.add(client);
				this.open.add(upstream);
				pipe(client, upstream, false);
				pipe(upstream, client, true);
			}
			catch (IOException ex) {
				// closed, or the node is down: the client sees its connection close
			}
		}
	}

	private void pipe(Socket from, Socket to, boolean throttled) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) > 0) {
					if (this.cut) {
						break;
					}
					long limit = throttled ? this.bytesPerSecond : this.uploadBytesPerSecond;
					if (limit > 0) {
						long pauseNanos = n * 1_000_000_000L / limit;
						java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
					}
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "fault-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.server.close();
	}

}
