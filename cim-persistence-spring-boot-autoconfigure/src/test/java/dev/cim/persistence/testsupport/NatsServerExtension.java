package dev.cim.persistence.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own nats-server with JetStream enabled.
 * <p>
 * The server is launched before the class's {@code @BeforeAll} methods (see
 * {@link dev.cim.persistence.embedded.EmbeddedNatsServer}), kept in the class's extension
 * store, and stopped, with its store directory deleted and the connections opened through
 * it closed, after the class. {@code @Nested} classes share the server of their enclosing
 * class. Methods and constructors receive it as a {@link NatsTestServer} parameter.
 * <p>
 * If the environment variable {@value NatsTestServer#URL_VARIABLE} is set, no server is
 * launched: every test class uses the server at that URL, and so shares its state with
 * every other test class; tests must then use names (streams, buckets, subjects) that no
 * other test uses.
 * <p>
 * If no nats-server can be found, the class fails (it is never skipped) with a message
 * that says how to install one.
 */
public final class NatsServerExtension implements BeforeAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(NatsServerExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == NatsTestServer.class;
	}

	@Override
	public NatsTestServer resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext);
	}

	/**
	 * The server of the test class the context belongs to, launched on first use. Stores
	 * are searched upwards, so a method's context finds its class's server.
	 * @param context the context of a test class or method
	 * @return the server
	 */
	static NatsTestServer server(ExtensionContext context) {
		return classContext(context).getStore(NAMESPACE)
			.computeIfAbsent(NatsTestServer.class, (key) -> NatsTestServer.fromEnvironment(), NatsTestServer.class);
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
