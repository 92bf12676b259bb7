package dev.cim.persistence.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the NATS login out of the {@code configprops} and {@code env} endpoints even when
 * they are told to show values ({@code management.endpoint.*.show-values=always} or
 * {@code when-authorized}).
 * <p>
 * Since Spring Boot 3 those endpoints mask every value by default, and show every value
 * unmasked once asked to: the key-based masking of earlier versions is gone. Showing
 * values is common while developing, and then {@code cim.persistence.nats.password},
 * {@code token} and, above all, {@code nkey} (a private key: whoever reads it can sign in
 * as that user) would be shown as they are. This function masks those three and the
 * location of the {@code credentials} file, under every spelling the environment accepts
 * ({@code cim.persistence.nats.nkey}, {@code CIM_PERSISTENCE_NATS_NKEY}), and removes
 * user information from {@code cim.persistence.nats.url}. The endpoint classes stay
 * untouched, so an application's own sanitizing functions still apply.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SanitizingFunction.class)
class NatsCredentialsSanitizingConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cimPersistenceNatsCredentialsSanitizingFunction")
	SanitizingFunction cimPersistenceNatsCredentialsSanitizingFunction() {
		return new NatsCredentialsSanitizingFunction();
	}

	/**
	 * Masks the secret {@code cim.persistence.nats.*} properties and the user information
	 * of the URLs.
	 */
	static final class NatsCredentialsSanitizingFunction implements SanitizingFunction {

		private static final String PREFIX = "cim.persistence.nats.";

		private static final Set<String> SECRETS = Set.of(PREFIX + "password", PREFIX + "token", PREFIX + "nkey",
				PREFIX + "credentials");

		private static final String URL = PREFIX + "url";

		@Override
		public SanitizableData apply(SanitizableData data) {
			String key = canonical(data.getKey());
			if (SECRETS.contains(key)) {
				return data.withSanitizedValue();
			}
			if (key.equals(URL) && data.getValue() instanceof CharSequence url) {
				return data.withValue(NatsUrls.redact(url.toString()));
			}
			return data;
		}

		/**
		 * The key as a lower-case dotted name without dashes, whichever form it came in:
		 * {@code cim.persistence.nats.nkey}, {@code CIM_PERSISTENCE_NATS_NKEY} or
		 * {@code cimPersistence.nats.nkey} all give {@code cim.persistence.nats.nkey}
		 * once the prefix is compared without its dots.
		 */
		private static String canonical(String key) {
			String lower = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
			if (lower.startsWith("cimpersistence.")) {
				return "cim.persistence." + lower.substring("cimpersistence.".length());
			}
			return lower;
		}

	}

}
