package dev.cim.persistence.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.jspecify.annotations.Nullable;

/**
 * The nats-server a {@link NatsIntegrationTest} class talks to: one launched for the
 * class, or the shared one named by {@value #URL_VARIABLE}. Connections opened with
 * {@link #connect()} and servers started with {@link #startAnother()} are closed after
 * the class by {@link NatsServerExtension}.
 */
public final class NatsTestServer implements AutoCloseable {

	/**
	 * The environment variable that names a running server to use instead of launching
	 * one, for example {@code nats://127.0.0.1:4222}. Test classes then share that
	 * server's state.
	 */
	public static final String URL_VARIABLE = "CIM_NATS_URL";

	private final String url;

	private final @Nullable EmbeddedNatsServer server;

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final List<EmbeddedNatsServer> others = new CopyOnWriteArrayList<>();

	private NatsTestServer(String url, @Nullable EmbeddedNatsServer server) {
		this.url = url;
		this.server = server;
	}

	static NatsTestServer fromEnvironment() {
		return fromEnvironment(System::getenv);
	}

	static NatsTestServer fromEnvironment(Function<String, @Nullable String> environment) {
		String url = environment.apply(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return new NatsTestServer(url.strip(), null);
		}
		EmbeddedNatsServer server = EmbeddedNatsServer.builder().start();
		return new NatsTestServer(server.url(), server);
	}

	/**
	 * The URL to connect to.
	 * @return for example {@code nats://127.0.0.1:42761}
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Open a new connection to the server; it is closed after the test class (closing it
	 * earlier is fine).
	 * @return the connection
	 * @throws IOException if the server cannot be reached
	 * @throws InterruptedException if interrupted while connecting
	 */
	public Connection connect() throws IOException, InterruptedException {
		return connect(UnaryOperator.identity());
	}

	/**
	 * Open a new connection to the server with options of the test's choosing; it is
	 * closed after the test class.
	 * @param customizer adjusts the options, whose server is already set
	 * @return the connection
	 * @throws IOException if the server cannot be reached
	 * @throws InterruptedException if interrupted while connecting
	 */
	public Connection connect(UnaryOperator<Options.Builder> customizer) throws IOException, InterruptedException {
		Options.Builder options = Options.builder().server(this.url).connectionTimeout(Duration.ofSeconds(5));
		Connection connection = Nats.connect(customizer.apply(options).build());
		this.connections.add(connection);
		return connection;
	}

	/**
	 * Whether this is a shared server named by {@value #URL_VARIABLE} rather than one
	 * launched for the test class.
	 * @return {@code true} for a shared server
	 */
	public boolean isShared() {
		return this.server == null;
	}

	/**
	 * The server launched for the test class, for tests that stop or restart it.
	 * @return the server, or empty when a shared server named by {@value #URL_VARIABLE}
	 * is used
	 */
	public Optional<EmbeddedNatsServer> embeddedServer() {
		return Optional.ofNullable(this.server);
	}

	/**
	 * Launch another nats-server (for example for a cluster or a second, independent
	 * store), stopped after the test class. This needs a nats-server binary even when
	 * {@value #URL_VARIABLE} is set.
	 * @return the running server
	 */
	public EmbeddedNatsServer startAnother() {
		return startAnother(UnaryOperator.identity());
	}

	/**
	 * Launch another nats-server described by the test, stopped after the test class.
	 * @param customizer adjusts the builder
	 * @return the running server
	 */
	public EmbeddedNatsServer startAnother(UnaryOperator<EmbeddedNatsServer.Builder> customizer) {
		EmbeddedNatsServer other = customizer.apply(EmbeddedNatsServer.builder()).start();
		this.others.add(other);
		return other;
	}

	/**
	 * Launch another nats-server with a configuration file of the test's choosing (for
	 * example {@code max_payload: 65536}), stopped after the test class. The client port,
	 * JetStream and the store directory are still set by the launcher.
	 * <p>
	 * Servers that require authentication ({@link NatsServerAuthorization},
	 * {@link NatsOperator}) work: the launcher's readiness probe has no credentials and
	 * takes such a server as ready once it greets it. A server that requires TLS but no
	 * authentication never looks ready to the probe (it speaks the plain protocol), so a
	 * TLS configuration ({@link TestCertificates#serverTlsBlock()}) needs an
	 * authorization block beside it.
	 * @param configuration the content of the configuration file
	 * @return the running server
	 */
	public EmbeddedNatsServer startAnotherWithConfiguration(String configuration) {
		Path file;
		try {
			file = Files.createTempFile("nats-server-", ".conf");
			Files.writeString(file, configuration);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write a nats-server configuration file", ex);
		}
		file.toFile().deleteOnExit();
		return startAnother((builder) -> builder.arguments("-c", file.toString()));
	}

	/**
	 * Close the connections opened through this object and stop the servers it launched.
	 */
	@Override
	public void close() {
		for (Connection connection : this.connections) {
			try {
				connection.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.others.forEach(EmbeddedNatsServer::close);
		if (this.server != null) {
			this.server.close();
		}
	}

	@Override
	public String toString() {
		return "NatsTestServer[" + this.url + (isShared() ? ", shared" : "") + "]";
	}

}
