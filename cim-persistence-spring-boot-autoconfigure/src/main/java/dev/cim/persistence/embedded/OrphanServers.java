package dev.cim.persistence.embedded;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds nats-servers left running on a store directory by a JVM that died without
 * stopping them, and stops them before a new server starts there. Called with the
 * directory's {@link StoreDirectoryLock} held: the owner recorded in the state file has
 * died (it would hold the lock otherwise), so the server it recorded is an orphan.
 */
final class OrphanServers {

	private static final System.Logger logger = System.getLogger(OrphanServers.class.getName());

	private static final long STOP_MILLIS = 10_000;

	private OrphanServers() {
	}

	/**
	 * Stop the orphan recorded in the directory's state file, then make sure no other
	 * nats-server runs on the directory.
	 * @throws StoreDirectoryLockedException if a nats-server this library did not record
	 * runs on the directory
	 */
	static void stopOrphans(Path storeDirectory) {
		Optional<StoreDirectoryState> state = StoreDirectoryState.readFrom(storeDirectory);
		state.flatMap(OrphanServers::recordedServer).ifPresent((orphan) -> {
			logger.log(Level.WARNING, "Stopping nats-server " + orphan.pid() + " left running on " + storeDirectory
					+ " by process " + state.get().ownerPid() + ", which has exited");
			stop(orphan);
		});
		StoreDirectoryState.deleteFrom(storeDirectory);
		Optional<ProcessHandle> stranger = serversOn(storeDirectory).stream().findFirst();
		if (stranger.isPresent()) {
			long pid = stranger.get().pid();
			throw new StoreDirectoryLockedException("The store directory " + storeDirectory
					+ " is in use by nats-server process " + pid
					+ ", which no embedded server recorded. Two servers on one store directory would corrupt its data",
					storeDirectory, pid, null);
		}
	}

	private static Optional<ProcessHandle> recordedServer(StoreDirectoryState state) {
		if (state.serverPid() <= 0 || state.ownerPid() == ProcessHandle.current().pid()) {
			return Optional.empty();
		}
		return ProcessHandle.of(state.serverPid())
			.filter(ProcessHandle::isAlive)
			.filter((process) -> state.serverStartMillis() < 0
					|| StoreDirectoryState.startMillis(process) == state.serverStartMillis());
	}

	/**
	 * The live nats-server processes whose command line names the directory as their
	 * store directory ({@code -sd}). Platforms that do not reveal command lines give an
	 * empty list.
	 */
	static List<ProcessHandle> serversOn(Path storeDirectory) {
		String directory = storeDirectory.toString();
		long self = ProcessHandle.current().pid();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.pid() != self)
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> namesStoreDirectory(Arrays.asList(arguments), directory))
				.orElse(false))
			.filter((process) -> process.info()
				.command()
				.map((command) -> command.contains("nats-server"))
				.orElse(false))
			.toList();
	}

	private static boolean namesStoreDirectory(List<String> arguments, String directory) {
		int index = arguments.indexOf("-sd");
		return index >= 0 && index + 1 < arguments.size() && arguments.get(index + 1).equals(directory);
	}

	static void stop(ProcessHandle process) {
		process.destroy();
		if (!awaitExit(process, STOP_MILLIS)) {
			process.destroyForcibly();
			awaitExit(process, STOP_MILLIS);
		}
	}

	private static boolean awaitExit(ProcessHandle process, long millis) {
		try {
			process.onExit().get(millis, TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (ExecutionException | TimeoutException ex) {
			return !process.isAlive();
		}
	}

}
