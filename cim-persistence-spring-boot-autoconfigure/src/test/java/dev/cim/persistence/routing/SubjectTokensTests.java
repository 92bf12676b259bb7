package dev.cim.persistence.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubjectTokensTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "Order", "o-1", "ORDER_2", "0", "a-b_c-D", "A", "Z", "z", "9", "_", "-" })
	void validTokensAreAccepted(String token) {
		assertThat(SubjectTokens.require(token, "aggregate id")).isEqualTo(token);
		assertThat(SubjectTokens.isValid(token)).isTrue();
	}

	@Test
	void tokenOf128CharactersIsAcceptedAnd129IsNot() {
		assertThat(SubjectTokens.isValid("x".repeat(128))).isTrue();
		assertThat(SubjectTokens.isValid("x".repeat(129))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("x".repeat(129), "aggregate id"))
			.withMessageContaining("aggregate id")
			.withMessageContaining("129 characters")
			.withMessageEndingWith("(tokens are 1 to 128 characters of [A-Za-z0-9_-])");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a.b", "*", ">", "a*", "a>", " ", "a b", "a\tb", "a\nb", "a\u0000", "a\u007f", "\u00e9",
			"a/b", "@", "[", "`", "{", ":", "/", "." })
	void invalidTokensAreRefusedNamingTheToken(String token) {
		assertThat(SubjectTokens.isValid(token)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require(token, "event type"))
			.withMessageStartingWith("event type '")
			.withMessageContaining("is not a valid subject token");
	}

	@Test
	void emptyAndNullTokensAreRefused() {
		assertThat(SubjectTokens.isValid("")).isFalse();
		assertThat(SubjectTokens.isValid(null)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("", "context"))
			.withMessageContaining("context '' is not a valid subject token: it is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require(null, "context"))
			.withMessageContaining("context null is not a valid subject token: it is null");
	}

	@Test
	void messageNamesTheFirstCharacterRefusedAndItsIndex() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("ab.c*", "aggregate id"))
			.withMessage("aggregate id 'ab.c*' is not a valid subject token: it contains '.' at index 2"
					+ " (tokens are 1 to 128 characters of [A-Za-z0-9_-])");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("a b", "aggregate id"))
			.withMessageContaining("it contains whitespace (U+0020) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("a\u0001", "aggregate id"))
			.withMessageStartingWith("aggregate id 'a\\u0001'")
			.withMessageContaining("it contains a control character (U+0001) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("\u00e9", "aggregate id"))
			.withMessageContaining("it contains '\u00e9' (U+00E9) at index 0");
	}

	@Test
	void longTokensAreCutInTheMessage() {
		String token = "y".repeat(200);
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require(token, "aggregate id"))
			.withMessageStartingWith("aggregate id '" + "y".repeat(160) + "...'")
			.withMessageContaining("it has 200 characters");
	}

	@Test
	void shorterMaximumIsTheLimitOfThatToken() {
		assertThat(SubjectTokens.require("x".repeat(32), "consumer prefix", 32)).hasSize(32);
		assertThat(SubjectTokens.isValid("x".repeat(32), 32)).isTrue();
		assertThat(SubjectTokens.isValid("x".repeat(33), 32)).isFalse();
		assertThat(SubjectTokens.isValid("a.b", 32)).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SubjectTokens.require("x".repeat(33), "consumer prefix", 32))
			.withMessage("consumer prefix '" + "x".repeat(33) + "' is not a valid subject token: it has 33 characters"
					+ " (tokens are 1 to 32 characters of [A-Za-z0-9_-])");
	}

	@Test
	void maximumBeyondTheRuleIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.isValid("a", 129))
			.withMessageContaining("was 129");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("a", "id", 0))
			.withMessageContaining("was 0");
	}

}
