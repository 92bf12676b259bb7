package dev.cim.persistence.embedded;

/**
 * How to get a new enough nats-server, appended to the messages of the exceptions that
 * say none was usable.
 */
final class NatsServerInstallHint {

	static final String TEXT = """
			Get nats-server %s or newer in one of these ways:
			  - Debian or Ubuntu: run scripts/install-nats-server.sh in this project (it unpacks one under .tools/nats-server/)
			  - Homebrew: brew install nats-server
			  - a release archive from https://github.com/nats-io/nats-server/releases (put nats-server on PATH, or set NATS_SERVER_BINARY to it)
			  - or point CIM_NATS_URL at a running nats-server with JetStream enabled (for example nats://127.0.0.1:4222)"""
		.formatted(NatsServerVersion.MINIMUM.major() + "." + NatsServerVersion.MINIMUM.minor());

	private NatsServerInstallHint() {
	}

}
