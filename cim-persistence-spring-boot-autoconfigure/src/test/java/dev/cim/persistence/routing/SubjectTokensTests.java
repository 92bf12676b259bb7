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

	@ParameterizedTest
	@ValueSource(strings = { "A", "Z", "a", "z", "0", "9", "_", "-", "AZaz09_-" })
	void theEdgesOfEveryAllowedRangeAreValid(String token) {
		assertThat(SubjectTokens.isValid(token)).isTrue();
		assertThat(SubjectTokens.require(token, "aggregate id")).isEqualTo(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "@", "[", "`", "{", "/", ":", "^", ",", ".", "\u007f", "\u0080", "\u00c0" })
	void theCharactersJustOutsideTheAllowedRangesAreInvalidAloneAndAfterAValidPrefix(String character) {
		assertThat(SubjectTokens.isValid(character)).as("alone").isFalse();
		assertThat(SubjectTokens.isValid("ok" + character)).as("after a valid prefix").isFalse();
		assertThat(SubjectTokens.isValid(character + "ok")).as("before a valid suffix").isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("ok" + character, "event type"))
			.withMessageContaining("at index 2");
	}

	@Test
	void isValidAgreesWithRequireOnTheEmptyNullAndTooLongTokens() {
		assertThat(SubjectTokens.isValid(null)).isFalse();
		assertThat(SubjectTokens.isValid("")).isFalse();
		assertThat(SubjectTokens.isValid("x".repeat(SubjectTokens.MAX_LENGTH + 1))).isFalse();
		assertThat(SubjectTokens.isValid("x".repeat(SubjectTokens.MAX_LENGTH))).isTrue();
		assertThat(SubjectTokens.MAX_LENGTH).isEqualTo(128);
	}

	@Test
	void theMessageNamesTheOffendingCharacterItsCodePointAndTheRule() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("o.1", "aggregate id"))
			.withMessage("aggregate id 'o.1' is not a valid subject token: it contains '.' at index 1"
					+ " (tokens are 1 to 128 characters of [A-Za-z0-9_-])");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("a*", "id"))
			.withMessageContaining("it contains '*' at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require(">", "id"))
			.withMessageContaining("it contains '>' at index 0");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("a b", "id"))
			.withMessageContaining("it contains whitespace (U+0020) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("a\u0000", "id"))
			.withMessageContaining("'a\\u0000'")
			.withMessageContaining("it contains a control character (U+0000) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("a@", "id"))
			.withMessageContaining("it contains '@' (U+0040) at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require("\u00e9", "id"))
			.withMessageContaining("it contains '\u00e9' (U+00E9) at index 0");
	}

	@Test
	void aLongTokenIsQuotedUpTo160CharactersInTheMessage() {
		String token = "y".repeat(160);
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require(token, "id"))
			.withMessageStartingWith("id '" + token + "' is not")
			.withMessageContaining("it has 160 characters");
		String longer = "y".repeat(161);
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectTokens.require(longer, "id"))
			.withMessageStartingWith("id '" + token + "...' is not")
			.withMessageContaining("it has 161 characters");
	}

}
