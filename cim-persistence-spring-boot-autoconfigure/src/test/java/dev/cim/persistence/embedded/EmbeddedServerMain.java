package dev.cim.persistence.embedded;

import java.nio.file.Path;

/**
 * A JVM that launches an embedded server on the store directory named by its argument,
 * prints {@code READY <server pid> <url>} and waits to be killed.
 */
public final class EmbeddedServerMain {

	private EmbeddedServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedNatsServer server = EmbeddedNatsServer.builder().storeDirectory(Path.of(args[0])).start();
		System.out.println("READY " + server.pid() + " " + server.url());
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
