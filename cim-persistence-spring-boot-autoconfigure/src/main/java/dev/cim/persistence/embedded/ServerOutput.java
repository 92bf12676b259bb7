package dev.cim.persistence.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines a server process printed. A daemon thread keeps reading the process's
 * output so that a full pipe never blocks the server; only the newest lines are kept. The
 * lines in which the {@link WatchdogCommand watchdog} reports the server's pid and exit
 * code are taken out of the output and kept apart.
 */
final class ServerOutput {

	static final int DEFAULT_CAPACITY = 200;

	private final int capacity;

	private final ArrayDeque<String> lines;

	private final Thread reader;

	private volatile long serverPid = -1;

	private volatile int exitCode = Integer.MIN_VALUE;

	private ServerOutput(InputStream stream, int capacity, String threadName) {
		this.capacity = capacity;
		this.lines = new ArrayDeque<>(capacity);
		this.reader = new Thread(() -> drain(stream), threadName);
		this.reader.setDaemon(true);
	}

	static ServerOutput capture(Process process, String threadName) {
		ServerOutput output = new ServerOutput(process.getInputStream(), DEFAULT_CAPACITY, threadName);
		output.reader.start();
		return output;
	}

	private void drain(InputStream stream) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				add(line);
			}
		}
		catch (IOException ex) {
			// The stream closes when the process is destroyed; nothing more to read.
		}
	}

	private void add(String line) {
		if (line.startsWith(WatchdogCommand.PID_MARKER)) {
			this.serverPid = parse(line.substring(WatchdogCommand.PID_MARKER.length()));
		}
		else if (line.startsWith(WatchdogCommand.EXIT_MARKER)) {
			this.exitCode = (int) parse(line.substring(WatchdogCommand.EXIT_MARKER.length()));
		}
		else {
			keep(line);
		}
	}

	private static long parse(String number) {
		try {
			return Long.parseLong(number.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * The pid of the server as the watchdog reported it.
	 * @return the pid, or -1 if not reported (yet)
	 */
	long serverPid() {
		return this.serverPid;
	}

	/**
	 * The server's exit code as the watchdog reported it.
	 * @return the code, or {@link Integer#MIN_VALUE} if not reported
	 */
	int exitCode() {
		return this.exitCode;
	}

	private synchronized void keep(String line) {
		if (this.lines.size() == this.capacity) {
			this.lines.removeFirst();
		}
		this.lines.addLast(line);
	}

	synchronized List<String> lines() {
		return List.copyOf(this.lines);
	}

	List<String> last(int count) {
		List<String> all = lines();
		return all.subList(Math.max(0, all.size() - count), all.size());
	}

	/**
	 * Wait a little for the reader to reach the end of the output, so that the lines of a
	 * process that has exited are complete.
	 */
	void awaitEnd(long millis) {
		try {
			this.reader.join(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
