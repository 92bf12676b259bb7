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

	@ParameterizedTest
	@ValueSource(strings = { "A", "Z", "a", "z", "0", "9", "_", "-", "AZaz09_-" })
	void theEdgesOfEveryAllowedRangeAreValid(String token) {
		assertThat(SubjectTokens.isValid(token)).isTrue();
		assertThat(SubjectTokens.requireValid("aggregate id", token)).isEqualTo(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "@", "[", "`", "{", "/", ":", "^", ",", ".", "\u007f", "\u0080", "\u00c0" })
	void theCharactersJustOutsideTheAllowedRangesAreInvalidAloneAndAfterAValidPrefix(String character) {
		assertThat(SubjectTokens.isValid(character)).as("alone").isFalse();
		assertThat(SubjectTokens.isValid("ok" + character)).as("after a valid prefix").isFalse();
		assertThat(SubjectTokens.isValid(character + "ok")).as("before a valid suffix").isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SubjectTokens.requireValid("event type", "ok" + character))
			.withMessageContaining("at index 2");
	}

	@Test
	void isValidAgreesWithRequireValidOnTheEmptyNullAndTooLongTokens() {
		assertThat(SubjectTokens.isValid(null)).isFalse();
		assertThat(SubjectTokens.isValid("")).isFalse();
		assertThat(SubjectTokens.isValid("x".repeat(SubjectTokens.MAX_LENGTH + 1))).isFalse();
		assertThat(SubjectTokens.isValid("x".repeat(SubjectTokens.MAX_LENGTH))).isTrue();
		assertThat(SubjectTokens.MAX_LENGTH).isEqualTo(128);
	}

	@Test
	void theMessageNamesTheOffendingCharacterItsCodePointAndTheRule() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("aggregate id", "o.1"))
			.withMessage("aggregate id 'o.1' is not a valid subject token: it contains '.' at index 1"
					+ " (tokens are 1 to 128 characters of [A-Za-z0-9_-])");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", "a*"))
			.withMessageContaining("it contains '*' at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", ">"))
			.withMessageContaining("it contains '>' at index 0");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", "a b"))
			.withMessageContaining("it contains whitespace (U+0020) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", "a\u0000"))
			.withMessageContaining("'a\\u0000'")
			.withMessageContaining("it contains a control character (U+0000) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", "a@"))
			.withMessageContaining("it contains '@' (U+0040) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", "\u00e9"))
			.withMessageContaining("it contains '\u00e9' (U+00E9) at index 0");
	}

	@Test
	void aLongTokenIsQuotedUpTo160CharactersInTheMessage() {
		String token = "y".repeat(160);
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", token))
			.withMessageStartingWith("id '" + token + "' is not")
			.withMessageContaining("it has 160 characters");
		String longer = "y".repeat(161);
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.requireValid("id", longer))
			.withMessageStartingWith("id '" + token + "...' is not")
			.withMessageContaining("it has 161 characters");
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
