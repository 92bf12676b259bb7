package dev.cim.persistence.autoconfigure;

import io.nats.client.Options;

/**
 * Customizes the jnats {@link Options.Builder} of the auto-configured connection, after
 * the {@code cim.persistence.nats.*} properties have been applied. Customizer beans are
 * applied in their {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface NatsOptionsBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, with the properties applied
	 */
	void customize(Options.Builder builder);

}
