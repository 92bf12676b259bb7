package dev.cim.persistence.autoconfigure.health.poison;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.readmodel.Apply;
import dev.cim.persistence.readmodel.EventContext;
import dev.cim.persistence.readmodel.ReadModel;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * An application whose only read model fails on every event.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class PoisonApplication {

	/**
	 * The event the read model cannot apply.
	 *
	 * @param note anything
	 */
	@DomainEvent(type = "Poison")
	public record Poison(String note) {
	}

	/**
	 * A read model whose handler always throws.
	 *
	 * @param id the aggregate id
	 */
	@ReadModel(type = "PoisonModel", version = 1)
	public record PoisonModel(String id) {

		@Apply
		static PoisonModel on(Poison event, EventContext context) {
			throw new IllegalStateException("cannot apply " + event.note());
		}

	}

}
