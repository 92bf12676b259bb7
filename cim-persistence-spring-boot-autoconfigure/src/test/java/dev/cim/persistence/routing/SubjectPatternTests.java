package dev.cim.persistence.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubjectPatternTests {

	private static final String[] ALPHABET = { "a", "b", "c", "z" };

	@ParameterizedTest
	@ValueSource(strings = { "a", "a.b.c", "*", ">", "a.*", "a.>", "*.*.>", "cim.events.sales.Order.*.OrderPlaced.>",
			"o-1.A_b.9" })
	void validPatternsAreAcceptedAsWritten(String pattern) {
		SubjectPattern parsed = SubjectPattern.of(pattern);
		assertThat(parsed.pattern()).isEqualTo(pattern);
		assertThat(String.join(".", parsed.tokens())).isEqualTo(pattern);
	}

	@Test
	void patternWithoutWildcardsIsLiteral() {
		assertThat(SubjectPattern.of("a.b").isLiteral()).isTrue();
		assertThat(SubjectPattern.of("a.*").isLiteral()).isFalse();
		assertThat(SubjectPattern.of("a.>").isLiteral()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "\"\"|subject pattern '' is empty",
			".a|subject pattern '.a': token 1 (index 0) is empty: tokens are separated by single dots, with none at either end",
			"a.|subject pattern 'a.': token 2 (index 2) is empty: tokens are separated by single dots, with none at either end",
			"a..b|subject pattern 'a..b': token 2 (index 2) is empty: tokens are separated by single dots, with none at either end",
			"a.>.b|subject pattern 'a.>.b': token 2 (index 2) is '>', which may only be the last token",
			">.a|subject pattern '>.a': token 1 (index 0) is '>', which may only be the last token",
			"a.b*|subject pattern 'a.b*': token 2 (index 2) 'b*' mixes a wildcard with text: '*' and '>' must be whole tokens",
			"a*.b|subject pattern 'a*.b': token 1 (index 0) 'a*' mixes a wildcard with text: '*' and '>' must be whole tokens",
			"a.>>|subject pattern 'a.>>': token 2 (index 2) '>>' mixes a wildcard with text: '*' and '>' must be whole tokens",
			"a.**|subject pattern 'a.**': token 2 (index 2) '**' mixes a wildcard with text: '*' and '>' must be whole tokens",
			"a.b c|subject pattern 'a.b c': token 2 (index 2) 'b c' is not a valid subject token: it contains whitespace (U+0020) at index 1 (tokens are 1 to 128 characters of [A-Za-z0-9_-], or a whole '*' or '>')",
			"a.$JS|subject pattern 'a.$JS': token 2 (index 2) '$JS' is not a valid subject token: it contains '$' (U+0024) at index 0 (tokens are 1 to 128 characters of [A-Za-z0-9_-], or a whole '*' or '>')" })
	void invalidPatternsAreRefusedNamingPatternAndPosition(String pattern, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectPattern.of(pattern)).withMessage(message);
	}

	@Test
	void tooLongTokenIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectPattern.of("a." + "x".repeat(129)))
			.withMessageContaining("token 2 (index 2)")
			.withMessageContaining("it has 129 characters");
	}

	@Test
	void literalSubjectRefusesWildcards() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectPattern.literal("a.*.c"))
			.withMessage("subject 'a.*.c': token 2 (index 2) is the wildcard '*': a subject must be literal");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectPattern.literal("a.>"))
			.withMessage("subject 'a.>': token 2 (index 2) is the wildcard '>': a subject must be literal");
		assertThatIllegalArgumentException().isThrownBy(() -> SubjectPattern.of("a").matches("a.*"))
			.withMessageContaining("a subject must be literal");
		assertThat(SubjectPattern.literal("a.b").isLiteral()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "a.*, a.b, true", "a.*, a, false", "a.*, a.b.c, false", "a.>, a, false", "a.>, a.b, true",
			"a.>, a.b.c, true", ">, a, true", "*, a.b, false", "a.b, a.b, true", "a.b, a.c, false",
			"*.b.>, x.b.y.z, true", "*.b.>, x.c.y, false" })
	void matchesFollowsNatsWildcards(String pattern, String subject, boolean expected) {
		assertThat(SubjectPattern.of(pattern).matches(subject)).isEqualTo(expected);
		assertThat(ReferenceMatcher.matches(pattern, subject)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "a.b, a.*, true", "a.*, a.*, true", "a.*, a.>, true", "a.>, a.*, false", "a.*.c, a.>, true",
			"a.>, >, true", "a, a.>, false", "a.*, a.b, false", "*.*, a.*, false", "a.b.>, a.*.>, true",
			"a.*.>, a.b.>, false" })
	void coverageOfOnePatternByAnother(String narrow, String wide, boolean expected) {
		assertThat(SubjectPattern.of(narrow).isCoveredBy(SubjectPattern.of(wide))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "a.*, *.b, true", "a.>, a, false", "a.>, a.b.c, true", "a.*, a.b.c, false", "*.>, a, false",
			"a.*.c, a.b.>, true", "a.b, a.c, false", ">, x.y, true", "a.*, b.*, false" })
	void intersectionIsSymmetric(String first, String second, boolean expected) {
		assertThat(SubjectPattern.of(first).intersects(SubjectPattern.of(second))).isEqualTo(expected);
		assertThat(SubjectPattern.of(second).intersects(SubjectPattern.of(first))).isEqualTo(expected);
	}

	@Test
	void coverageAndIntersectionAgreeWithEveryShortSubject() {
		// Patterns of up to 4 tokens over {a, b, c, *, >}; any difference between two of
		// them shows on a subject of at most 5 tokens over {a, b, c, z}.
		List<String> subjects = subjects(5);
		Random random = new Random(11);
		for (int i = 0; i < 3000; i++) {
			String first = PatternGenerator.pattern(random, 4);
			String second = PatternGenerator.pattern(random, 4);
			boolean covered = true;
			boolean shared = false;
			for (String subject : subjects) {
				boolean inFirst = ReferenceMatcher.matches(first, subject);
				boolean inSecond = ReferenceMatcher.matches(second, subject);
				covered &= !inFirst || inSecond;
				shared |= inFirst && inSecond;
			}
			SubjectPattern a = SubjectPattern.of(first);
			SubjectPattern b = SubjectPattern.of(second);
			assertThat(a.isCoveredBy(b)).as("%s covered by %s", first, second).isEqualTo(covered);
			assertThat(a.intersects(b)).as("%s intersects %s", first, second).isEqualTo(shared);
		}
	}

	@Test
	void matchesAgreesWithTheReferenceMatcher() {
		List<String> subjects = subjects(5);
		Random random = new Random(5);
		for (int i = 0; i < 300; i++) {
			String pattern = PatternGenerator.pattern(random, 4);
			SubjectPattern parsed = SubjectPattern.of(pattern);
			for (String subject : subjects) {
				assertThat(parsed.matches(subject)).as("%s matches %s", pattern, subject)
					.isEqualTo(ReferenceMatcher.matches(pattern, subject));
			}
		}
	}

	static List<String> subjects(int maxTokens) {
		List<String> subjects = new ArrayList<>();
		List<String> previous = List.of("");
		for (int length = 1; length <= maxTokens; length++) {
			List<String> next = new ArrayList<>();
			for (String prefix : previous) {
				for (String token : ALPHABET) {
					next.add(prefix.isEmpty() ? token : prefix + "." + token);
				}
			}
			subjects.addAll(next);
			previous = next;
		}
		return subjects;
	}

}
