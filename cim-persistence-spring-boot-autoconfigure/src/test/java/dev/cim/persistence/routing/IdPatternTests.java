package dev.cim.persistence.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class IdPatternTests {

	@ParameterizedTest
	@ValueSource(strings = { "A", "Z", "a", "z", "0", "9", "_", "-", "o-1", "Order_2" })
	void exactIdOfTokenCharactersSelectsThatIdOnly(String id) {
		IdPattern pattern = IdPattern.of(id);
		assertThat(pattern.isWildcard()).isFalse();
		assertThat(pattern.isAll()).isFalse();
		assertThat(pattern.filterToken()).isEqualTo(id);
		assertThat(pattern.matches(id)).isTrue();
		assertThat(pattern.matches(id + "x")).isFalse();
		assertThat(pattern.matches("x" + id)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "@", "[", "`", "{", "/", ":", ".", " ", "a.b", "a>", "a b", "\u00e9" })
	void exactIdWithAnyOtherCharacterIsRefusedAsAnInvalidToken(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> IdPattern.of(id, "aggregate id"))
			.withMessageStartingWith("aggregate id '" + id + "' is not a valid subject token");
	}

	@ParameterizedTest
	@ValueSource(strings = { "@*", "*[", "a*`", "{*", "*/*", "a:*", "*.", "* ", "a*b.c", "*>", ">*" })
	void globWithAnyOtherCharacterIsRefused(String glob) {
		assertThatIllegalArgumentException().isThrownBy(() -> IdPattern.of(glob))
			.withMessage("id pattern '" + glob + "' may hold only [A-Za-z0-9_-] and '*', or be '>'");
	}

	@Test
	void exactIdOf128CharactersIsAcceptedAnd129IsNot() {
		assertThat(IdPattern.of("x".repeat(128)).matches("x".repeat(128))).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> IdPattern.of("x".repeat(129)))
			.withMessageStartingWith("id '")
			.withMessageContaining("it has 129 characters");
	}

	@Test
	void emptyPatternIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> IdPattern.of(""))
			.withMessage("id '' is not a valid subject token: it is empty"
					+ " (tokens are 1 to 128 characters of [A-Za-z0-9_-])");
		assertThatNullPointerException().isThrownBy(() -> IdPattern.of(null)).withMessage("idPattern");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", ">", "**", "***" })
	void starAndGreaterThanSelectEveryId(String all) {
		IdPattern pattern = IdPattern.of(all);
		assertThat(pattern.isWildcard()).isTrue();
		assertThat(pattern.isAll()).isTrue();
		assertThat(pattern.filterToken()).isEqualTo("*");
		assertThat(pattern.matches("a")).isTrue();
		assertThat(pattern.matches("o-1")).isTrue();
		assertThat(pattern.matches("")).isTrue();
		assertThat(IdPattern.all().matches("Z_9")).isTrue();
	}

	@Test
	void trailingStarMatchesAnyRestIncludingNone() {
		IdPattern pattern = IdPattern.of("o-*");
		assertThat(pattern.isWildcard()).isTrue();
		assertThat(pattern.isAll()).isFalse();
		assertThat(pattern.filterToken()).isEqualTo("*");
		assertThat(pattern.matches("o-")).isTrue();
		assertThat(pattern.matches("o-1")).isTrue();
		assertThat(pattern.matches("o-1-2")).isTrue();
		assertThat(pattern.matches("o")).isFalse();
		assertThat(pattern.matches("xo-1")).isFalse();
	}

	@Test
	void leadingStarMatchesAnyStartIncludingNone() {
		IdPattern pattern = IdPattern.of("*-eu");
		assertThat(pattern.matches("-eu")).isTrue();
		assertThat(pattern.matches("o-1-eu")).isTrue();
		assertThat(pattern.matches("o-1-eux")).isFalse();
		assertThat(pattern.matches("eu")).isFalse();
	}

	@Test
	void starsOnBothSidesMatchAnInfix() {
		IdPattern pattern = IdPattern.of("*mid*");
		assertThat(pattern.matches("mid")).isTrue();
		assertThat(pattern.matches("a-mid-b")).isTrue();
		assertThat(pattern.matches("mi-d")).isFalse();
	}

	@Test
	void partsMustAppearInOrderWithoutOverlapping() {
		IdPattern pattern = IdPattern.of("ab*ba");
		assertThat(pattern.matches("abba")).isTrue();
		assertThat(pattern.matches("ab-ba")).isTrue();
		// "aba" would need the two parts to share the "b".
		assertThat(pattern.matches("aba")).isFalse();
		IdPattern middle = IdPattern.of("a*b*c");
		assertThat(middle.matches("abc")).isTrue();
		assertThat(middle.matches("a-b-b-c")).isTrue();
		assertThat(middle.matches("acb")).isFalse();
		assertThat(middle.matches("a-c-b-c")).isTrue();
		assertThat(IdPattern.of("a*bc*c").matches("abc")).isFalse();
		assertThat(IdPattern.of("a*bc*c").matches("abcc")).isTrue();
	}

	@Test
	void emptyPartsBetweenStarsMatchLikeOneStar() {
		IdPattern pattern = IdPattern.of("o**1");
		assertThat(pattern.matches("o1")).isTrue();
		assertThat(pattern.matches("o-x-1")).isTrue();
		assertThat(pattern.matches("o-x-2")).isFalse();
	}

	@Test
	void matchingIsCaseSensitive() {
		assertThat(IdPattern.of("o-*").matches("O-1")).isFalse();
		assertThat(IdPattern.of("O-1").matches("o-1")).isFalse();
	}

	@Test
	void patternsAreEqualByTheirText() {
		assertThat(IdPattern.of("o-*")).isEqualTo(IdPattern.of("o-*")).hasSameHashCodeAs(IdPattern.of("o-*"));
		assertThat(IdPattern.of("o-*")).isNotEqualTo(IdPattern.of("o-1"));
		assertThat(IdPattern.of("o-*")).hasToString("o-*");
		assertThat(IdPattern.of("o-*").pattern()).isEqualTo("o-*");
		assertThat(IdPattern.all()).isSameAs(IdPattern.of("*"));
	}

}
