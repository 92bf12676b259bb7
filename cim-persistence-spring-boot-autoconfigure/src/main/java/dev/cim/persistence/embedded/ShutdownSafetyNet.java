package dev.cim.persistence.embedded;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stops the server processes that are still running, and deletes their temporary
 * directories, when the JVM exits without closing them, so that no nats-server outlives
 * the tests that started it.
 */
final class ShutdownSafetyNet {

	private static final Set<Process> processes = ConcurrentHashMap.newKeySet();

	private static final Set<Path> directories = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSafetyNet::cleanUp, "embedded-nats-server-cleanup"));
	}

	private ShutdownSafetyNet() {
	}

	static void track(Process process) {
		processes.add(process);
	}

	static void forget(Process process) {
		processes.remove(process);
	}

	static void trackDirectory(Path directory) {
		directories.add(directory);
	}

	static void forgetDirectory(Path directory) {
		directories.remove(directory);
	}

	private static void cleanUp() {
		processes.forEach(Process::destroy);
		for (Process process : processes) {
			try {
				if (!process.waitFor(2, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		directories.forEach(Directories::deleteQuietly);
	}

}
