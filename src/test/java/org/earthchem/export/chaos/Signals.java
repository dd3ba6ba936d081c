package org.earthchem.export.chaos;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals to a process by its pid: the JDK sends only TERM and KILL, and a pause (STOP, then CONT) is the fault
 * a long garbage collection, a frozen VM or a partition looks like to the others.
 */
final class Signals {

	private Signals() {
	}

	/** Sends {@code signal} (a name such as STOP or CONT) to the process; fails when kill refuses. */
	static void send(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
						+ new String(kill.getInputStream().readAllBytes()).trim());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not run kill -" + signal + " " + pid, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted sending " + signal + " to " + pid, ex);
		}
	}

}
