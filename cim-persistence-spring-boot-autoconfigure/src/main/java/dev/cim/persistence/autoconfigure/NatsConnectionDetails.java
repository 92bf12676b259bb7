package dev.cim.persistence.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.io.Resource;

/**
 * Details required to establish a connection to a NATS server or cluster. By default they
 * come from {@code cim.persistence.nats.*}; a bean of this type (for example one created
 * for a Testcontainers {@code @ServiceConnection}) replaces them.
 */
public interface NatsConnectionDetails extends ConnectionDetails {

	/**
	 * The URLs of the servers to connect to, for example {@code nats://localhost:4222}.
	 * @return the URLs, at least one
	 */
	List<String> getServers();

	/**
	 * The login user.
	 * @return the user, or {@code null} for none
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * The login password.
	 * @return the password, or {@code null} for none
	 */
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * The authentication token.
	 * @return the token, or {@code null} for none
	 */
	default @Nullable String getToken() {
		return null;
	}

	/**
	 * A NATS credentials file holding a user JWT and its NKey seed.
	 * @return the credentials, or {@code null} for none
	 */
	default @Nullable Resource getCredentials() {
		return null;
	}

	/**
	 * The NKey seed that signs the server's challenge.
	 * @return the seed, or {@code null} for none
	 */
	default @Nullable String getNkey() {
		return null;
	}

	/**
	 * The SSL bundle securing the connection with TLS.
	 * @return the bundle, or {@code null} for a plain connection
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
