package dev.cim.persistence.nats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubjectTokensTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "Order", "o-1", "ORDER_2", "0", "a-b_c-D" })
	void validTokensAreAccepted(String token) {
		assertThat(SubjectTokens.requireValid("aggregate id", token)).isEqualTo(token);
	}

	@Test
	void tokenOf128CharactersIsAcceptedAnd129IsNot() {
		assertThat(SubjectTokens.isValid("x".repeat(128))).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SubjectTokens.requireValid("aggregate id", "x".repeat(129)))
			.withMessageContaining("aggregate id")
			.withMessageContaining("129 characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a.b", "*", ">", "a*", "a>", " ", "a b", "a\tb", "a\nb", "a\u0000", "a\u007f", "\u00e9",
			"a/b" })
	void invalidTokensAreRefusedNamingTheToken(String token) {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("event type", token))
			.withMessageStartingWith("event type '")
			.withMessageContaining("is not a valid subject token");
	}

	@Test
	void emptyAndNullTokensAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("context", ""))
			.withMessageContaining("context '' is not a valid subject token: it is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("context", null))
			.withMessageContaining("it is null");
	}

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

}
