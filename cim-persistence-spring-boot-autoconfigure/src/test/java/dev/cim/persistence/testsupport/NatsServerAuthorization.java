package dev.cim.persistence.testsupport;

import java.util.Objects;
import java.util.UUID;

/**
 * nats-server configuration snippets that require clients to authenticate, for
 * {@link NatsTestServer#startAnotherWithConfiguration(String)}. The users they declare
 * belong to the server's global account, which has JetStream because the launcher starts
 * the server with {@code -js}.
 */
public final class NatsServerAuthorization {

	private NatsServerAuthorization() {
	}

	/**
	 * A server that admits one user with a password.
	 * @param username the user
	 * @param password the password
	 * @return the configuration
	 */
	public static String usernameAndPassword(String username, String password) {
		return "authorization {\n  users: [ { user: " + quoted(username) + ", password: " + quoted(password)
				+ " } ]\n}\n";
	}

	/**
	 * A server that admits clients presenting a token.
	 * @param token the token
	 * @return the configuration
	 */
	public static String token(String token) {
		return "authorization {\n  token: " + quoted(token) + "\n}\n";
	}

	/**
	 * A server that admits the holder of one user NKey: the client signs the server's
	 * challenge with the seed of that key.
	 * @param publicUserKey the public key ({@code U...})
	 * @return the configuration
	 */
	public static String nkey(String publicUserKey) {
		return "authorization {\n  users: [ { nkey: " + quoted(publicUserKey) + " } ]\n}\n";
	}

	/**
	 * A fresh random secret made of letters and digits, so that it needs no quoting
	 * anywhere and a search for it in a log cannot match by accident.
	 * @param prefix a readable prefix
	 * @return the secret
	 */
	public static String secret(String prefix) {
		return prefix + UUID.randomUUID().toString().replace("-", "");
	}

	private static String quoted(String value) {
		Objects.requireNonNull(value, "value");
		if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("Test secrets must not need escaping in a nats-server configuration");
		}
		return "\"" + value + "\"";
	}

}
