package dev.cim.persistence.nats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoreSubjectsTests {

	@Test
	void subjectsFollowTheLayout() {
		StoreSubjects subjects = new StoreSubjects("cim");
		assertThat(subjects.event("sales", "Order", "o-1", "OrderPlaced", 3))
			.isEqualTo("cim.events.sales.Order.o-1.OrderPlaced.3");
		assertThat(subjects.aggregateEvents("sales", "Order", "o-1")).isEqualTo("cim.events.sales.Order.o-1.>");
		assertThat(subjects.aggregateState("sales", "Order", "o-1")).isEqualTo("cim.aggregates.sales.Order.o-1.state");
		assertThat(StoreSubjects.versionOf("cim.events.sales.Order.o-1.OrderPlaced.3")).isEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> subjects.event("sales", "Order", "o.1", "X", 1))
			.withMessageContaining("aggregate id 'o.1'");
	}

	@Test
	void everyTokenFromUserDataIsCheckedNamingWhatItIs() {
		StoreSubjects subjects = new StoreSubjects("cim");
		assertThatIllegalArgumentException().isThrownBy(() -> subjects.event("sa les", "Order", "o-1", "X", 1))
			.withMessageStartingWith("context 'sa les'");
		assertThatIllegalArgumentException().isThrownBy(() -> subjects.aggregateState("sales", "Or*der", "o-1"))
			.withMessageStartingWith("aggregate type 'Or*der'");
		assertThatIllegalArgumentException().isThrownBy(() -> subjects.event("sales", "Order", "o-1", "X>", 1))
			.withMessageStartingWith("event type 'X>'");
		assertThatIllegalArgumentException().isThrownBy(() -> new StoreSubjects("c.m"))
			.withMessageStartingWith("subject prefix 'c.m'");
	}

}
