package dev.cim.persistence.event;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EventTypeRegistry}: names and schemas from {@link DomainEvent}, the classes of a
 * sealed hierarchy, and the names that are refused.
 */
class EventTypeRegistryTests {

	sealed interface Shipment permits Shipped, Returned, Lost {

	}

	record Shipped(String carrier) implements Shipment {

	}

	@DomainEvent(type = "ShipmentReturned", schema = 3)
	record Returned(String reason) implements Shipment {

	}

	abstract static sealed class Lost implements Shipment permits LostInTransit {

	}

	static final class LostInTransit extends Lost {

	}

	@DomainEvent(schema = 2)
	record Renamed(String name) {

	}

	@DomainEvent(type = "Order.Placed")
	record Dotted() {

	}

	@DomainEvent(schema = 0)
	record NoSchema() {

	}

	@DomainEvent(type = "Shipped")
	record AlsoShipped() {

	}

	@Test
	void theNameIsTheAnnotationsTypeOrTheSimpleClassNameAndTheSchemaDefaultsToOne() {
		assertThat(EventTypeRegistry.describe(Shipped.class)).isEqualTo(new EventType("Shipped", 1, Shipped.class));
		assertThat(EventTypeRegistry.describe(Returned.class))
			.isEqualTo(new EventType("ShipmentReturned", 3, Returned.class));
		assertThat(EventTypeRegistry.describe(Renamed.class)).isEqualTo(new EventType("Renamed", 2, Renamed.class));
	}

	@Test
	void aSealedHierarchyRegistersEveryConcreteClassAndNoAbstractOne() {
		EventTypeRegistry registry = EventTypeRegistry.forHierarchy(Shipment.class);
		assertThat(registry.types()).extracting(EventType::javaType)
			.containsExactlyInAnyOrder(Shipped.class, Returned.class, LostInTransit.class);
		assertThat(registry.forName("ShipmentReturned")).map(EventType::javaType).contains(Returned.class);
		assertThat(registry.forName("Returned")).isEmpty();
		assertThat(registry.forClass(LostInTransit.class)).map(EventType::name).contains("LostInTransit");
		assertThat(registry.forClass(Lost.class)).isEmpty();
		assertThat(registry.forClass(Renamed.class)).isEmpty();
		assertThat(EventTypeRegistry.forHierarchy(Shipped.class).types()).extracting(EventType::javaType)
			.containsExactly(Shipped.class);
	}

	@Test
	void twoClassesWithOneNameAreRefusedButTheSameClassTwiceIsNot() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventTypeRegistry.of(List.of(Shipped.class, AlsoShipped.class)))
			.withMessage("event type name 'Shipped' is used by both " + Shipped.class.getName() + " and "
					+ AlsoShipped.class.getName());
		assertThat(EventTypeRegistry.of(List.of(Shipped.class, Shipped.class)).types()).hasSize(1);
	}

	@Test
	void aNameThatIsNoSubjectTokenAndASchemaBelowOneAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventTypeRegistry.describe(Dotted.class))
			.withMessageContaining(
					"event type name 'Order.Placed' of " + Dotted.class.getName() + " is not a valid subject token");
		assertThatIllegalArgumentException().isThrownBy(() -> EventTypeRegistry.describe(NoSchema.class))
			.withMessage("schema of event " + NoSchema.class.getName() + " must be at least 1, was 0");
	}

}
