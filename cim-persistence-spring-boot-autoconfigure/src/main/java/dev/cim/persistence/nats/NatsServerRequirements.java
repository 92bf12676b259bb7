package dev.cim.persistence.nats;

import java.util.regex.Pattern;

import io.nats.client.Connection;
import io.nats.client.api.ServerInfo;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the server connected to can hold the store: JetStream enabled, version at
 * least {@link #MINIMUM_VERSION} (atomic batch publish and per-subject expected sequences
 * need it). {@link JetStreamProvisioner#provision()} checks first; an application that
 * does not provision calls {@link #check(Connection)} itself.
 */
public final class NatsServerRequirements {

	/**
	 * The oldest nats-server version the store supports.
	 */
	public static final String MINIMUM_VERSION = "2.12.0";

	private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^@/]*@");

	private NatsServerRequirements() {
	}

	/**
	 * Check the server a connection is connected to.
	 * @param connection the connection
	 * @throws UnsupportedNatsServerVersionException when the server is too old
	 * @throws JetStreamNotEnabledException when JetStream is disabled
	 */
	public static void check(Connection connection) {
		check(connection.getServerInfo(), connection.getConnectedUrl());
	}

	/**
	 * Check what a server reported about itself.
	 * @param info the server's INFO
	 * @param url the server's URL, shown in messages without its credentials
	 * @throws UnsupportedNatsServerVersionException when the server is too old
	 * @throws JetStreamNotEnabledException when JetStream is disabled
	 */
	public static void check(ServerInfo info, @Nullable String url) {
		String server = (url != null) ? USER_INFO.matcher(url).replaceFirst("$1") : "(none)";
		String version = info.getVersion();
		if (version == null || version.isBlank() || info.isOlderThanVersion(MINIMUM_VERSION)) {
			throw new UnsupportedNatsServerVersionException(server, (version != null) ? version : "unknown",
					MINIMUM_VERSION);
		}
		if (!info.isJetStreamAvailable()) {
			throw new JetStreamNotEnabledException(server);
		}
	}

}
