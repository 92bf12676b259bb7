package dev.cim.persistence.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Shell scripts that pose as nats-server binaries.
 */
final class FakeNatsServers {

	private FakeNatsServers() {
	}

	/**
	 * A script that answers {@code --version} with the given version and otherwise
	 * sleeps, as a server that never becomes ready.
	 */
	static Path create(Path path, String version) throws IOException {
		Files.createDirectories(path.getParent());
		Files.writeString(path, """
				#!/bin/sh
				if [ "$1" = "--version" ]; then
				  echo "nats-server: v%s"
				  exit 0
				fi
				echo "fake server that never gets ready"
				exec sleep 60
				""".formatted(version));
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
		return path;
	}

}
