package dev.cim.persistence.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.cim.persistence.nats.LoggingErrorListener;
import io.nats.client.AuthHandler;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.io.Resource;
import org.springframework.util.StreamUtils;
import org.springframework.util.StringUtils;

/**
 * Opens the jnats {@link Connection} described by {@link NatsConnectionDetails}.
 */
final class NatsConnectionFactory {

	private final NatsConnectionDetails details;

	private final Duration connectionTimeout;

	private final Duration pingInterval;

	private final @Nullable String connectionName;

	private final List<NatsOptionsBuilderCustomizer> customizers;

	NatsConnectionFactory(NatsConnectionDetails details, Duration connectionTimeout, Duration pingInterval,
			@Nullable String connectionName) {
		this(details, connectionTimeout, pingInterval, connectionName, List.of());
	}

	NatsConnectionFactory(NatsConnectionDetails details, Duration connectionTimeout, Duration pingInterval,
			@Nullable String connectionName, List<NatsOptionsBuilderCustomizer> customizers) {
		this.details = details;
		this.connectionTimeout = connectionTimeout;
		this.pingInterval = pingInterval;
		this.connectionName = connectionName;
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * The client options: the servers, authentication, TLS, reconnection without end (an
	 * application outlives a server restart), pings often enough to leave a server that
	 * froze with the connection open (jnats pings every two minutes by default), and
	 * client errors logged at sensible levels without flooding the log; then the
	 * {@link NatsOptionsBuilderCustomizer customizers}, in order.
	 * @return the options
	 */
	Options options() {
		List<String> servers = this.details.getServers();
		if (servers.isEmpty()) {
			throw new IllegalStateException("No NATS server URL is configured (cim.persistence.nats.url)");
		}
		Options.Builder builder = Options.builder()
			.servers(servers.toArray(String[]::new))
			.connectionTimeout(this.connectionTimeout)
			.pingInterval(this.pingInterval)
			.maxReconnects(-1)
			.errorListener(new LoggingErrorListener())
			.reconnectBufferSize(0);
		if (StringUtils.hasText(this.connectionName)) {
			builder.connectionName(this.connectionName);
		}
		String username = this.details.getUsername();
		if (StringUtils.hasText(username)) {
			String password = this.details.getPassword();
			builder.userInfo(username.toCharArray(), (password != null) ? password.toCharArray() : new char[0]);
		}
		String token = this.details.getToken();
		if (StringUtils.hasText(token)) {
			builder.token(token.toCharArray());
		}
		Resource credentials = this.details.getCredentials();
		String nkey = this.details.getNkey();
		if (credentials != null) {
			builder.authHandler(Nats.staticCredentials(read(credentials)));
		}
		else if (StringUtils.hasText(nkey)) {
			builder.authHandler(new NKeyAuthHandler(nkey.strip().toCharArray()));
		}
		SslBundle ssl = this.details.getSslBundle();
		if (ssl != null) {
			builder.sslContext(ssl.createSslContext());
		}
		for (NatsOptionsBuilderCustomizer customizer : this.customizers) {
			customizer.customize(builder);
		}
		return builder.build();
	}

	/**
	 * Connect. When the connection cannot be established, the exception gives the
	 * client's reason, including what only its error listener heard (an untrusted
	 * certificate, a server that requires TLS, a refused TCP connection).
	 * @return the connection
	 * @throws NatsServerUnavailableException when no server could be reached
	 */
	Connection connect() {
		Options configured = options();
		RecordingErrorListener errors = new RecordingErrorListener(configured.getErrorListener());
		Options options = new Options.Builder(configured).errorListener(errors).build();
		try {
			return Nats.connect(options);
		}
		catch (IOException ex) {
			// The client's message quotes the URLs as given, credentials included: keep
			// only its cause.
			String reason = NatsUrls.redact(String.valueOf(ex.getMessage()));
			Throwable cause = ex.getCause();
			Exception heard = errors.lastException();
			if (heard != null && !(ex instanceof AuthenticationException)) {
				Throwable why = unwrapped(heard);
				reason = reason + " (" + NatsUrls.redact(String.valueOf(why.getMessage())) + ")";
				cause = why;
			}
			throw new NatsServerUnavailableException(NatsUrls.withoutCredentials(this.details.getServers()), reason,
					cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NatsServerUnavailableException(NatsUrls.withoutCredentials(this.details.getServers()),
					"interrupted while connecting", ex);
		}
	}

	private static Throwable unwrapped(Exception ex) {
		Throwable current = ex;
		while ((current instanceof ExecutionException || current instanceof CompletionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static byte[] read(Resource credentials) {
		try (InputStream in = credentials.getInputStream()) {
			return StreamUtils.copyToByteArray(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the NATS credentials file " + credentials, ex);
		}
	}

	/**
	 * Signs the server's challenge with an NKey seed, without a JWT.
	 */
	private static final class NKeyAuthHandler implements AuthHandler {

		private final NKey key;

		NKeyAuthHandler(char[] seed) {
			this.key = fromSeed(seed);
		}

		/**
		 * The key of a seed. A public key given by mistake, or a seed cut short, is
		 * explained without quoting the value.
		 */
		private static NKey fromSeed(char[] seed) {
			try {
				NKey key = NKey.fromSeed(seed);
				key.getPublicKey();
				return key;
			}
			catch (IllegalArgumentException | GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("cim.persistence.nats.nkey is not an NKey seed: it must hold the seed "
						+ "of a user key (58 characters starting with 'SU'), not the public key (starting with 'U') "
						+ "that the server's configuration names");
			}
		}

		@Override
		public byte[] sign(byte[] nonce) {
			try {
				return this.key.sign(nonce);
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Could not sign the server's challenge with the NKey seed", ex);
			}
		}

		@Override
		public char[] getID() {
			try {
				return this.key.getPublicKey();
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Could not derive the public key of the NKey seed", ex);
			}
		}

		@Override
		public char @Nullable [] getJWT() {
			return null;
		}

	}

}
