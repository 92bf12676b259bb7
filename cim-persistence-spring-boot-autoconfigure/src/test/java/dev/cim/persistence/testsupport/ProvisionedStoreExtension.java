package dev.cim.persistence.testsupport;

import java.util.function.UnaryOperator;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link ProvisionedStore} parameters of the constructors and methods of a
 * {@link NatsIntegrationTest} class: each parameter gets a store of its own, provisioned
 * on the class's server (see {@link NatsServerExtension}) with the {@link StoreSettings}
 * the parameter carries. A store resolved for a {@code @BeforeAll} method is closed after
 * the class, one resolved for a test or {@code @BeforeEach} method after the test.
 */
public final class ProvisionedStoreExtension implements ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(ProvisionedStoreExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == ProvisionedStore.class;
	}

	@Override
	public ProvisionedStore resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		UnaryOperator<NatsRepositoryConfig.Builder> settings = parameterContext.findAnnotation(StoreSettings.class)
			.map(ProvisionedStoreExtension::settings)
			.orElse(UnaryOperator.identity());
		ProvisionedStore store = ProvisionedStore.provision(NatsServerExtension.server(extensionContext), settings);
		extensionContext.getStore(NAMESPACE).put(store, store);
		return store;
	}

	private static UnaryOperator<NatsRepositoryConfig.Builder> settings(StoreSettings settings) {
		return (builder) -> {
			if (settings.snapshotEvery() >= 0) {
				builder.snapshotEvery(settings.snapshotEvery());
			}
			if (!settings.ipldCodec().isEmpty()) {
				builder.ipldCodec(settings.ipldCodec());
			}
			return builder.enableIpld(settings.enableIpld()).verifyOnLoad(settings.verifyOnLoad());
		};
	}

}
