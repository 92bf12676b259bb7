package dev.cim.persistence.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code cim.persistence.nats.embedded.enabled} is {@code true} and
 * {@code cim.persistence.nats.url} is not set: an explicit URL always wins over the
 * embedded server.
 */
class OnEmbeddedNatsServerCondition extends SpringBootCondition {

	private static final String ENABLED = "cim.persistence.nats.embedded.enabled";

	private static final String URL = "cim.persistence.nats.url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		if (!binder.bind(ENABLED, Boolean.class).orElse(false)) {
			return ConditionOutcome.noMatch(ENABLED + " is not true");
		}
		if (binder.bind(URL, String.class).isBound()) {
			return ConditionOutcome.noMatch(URL + " is set");
		}
		return ConditionOutcome.match(ENABLED + " is true and " + URL + " is not set");
	}

}
