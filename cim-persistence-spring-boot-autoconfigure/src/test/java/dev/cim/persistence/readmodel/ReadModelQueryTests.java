package dev.cim.persistence.readmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReadModelQueryTests {

	@Test
	void allSelectsEveryIdWithOneServerSideFilter() {
		assertThat(ReadModelQuery.all().pattern().isAll()).isTrue();
		assertThat(ReadModelQuery.all().pattern().filterToken()).isEqualTo("*");
		assertThat(ReadModelQuery.idPattern(">").pattern().matches("o-1")).isTrue();
	}

	@Test
	void exactIdIsFilteredByTheServer() {
		ReadModelQuery query = ReadModelQuery.idPattern("o-1");
		assertThat(query.pattern().filterToken()).isEqualTo("o-1");
		assertThat(query.pattern().matches("o-1")).isTrue();
		assertThat(query.pattern().matches("o-10")).isFalse();
	}

	@Test
	void globIsMatchedOnTheIdsOfTheWholeSlot() {
		ReadModelQuery query = ReadModelQuery.idPattern("o-*").where("status", "PLACED");
		assertThat(query.pattern().filterToken()).isEqualTo("*");
		assertThat(query.pattern().matches("o-10")).isTrue();
		assertThat(query.pattern().matches("x-1")).isFalse();
		assertThat(query.filters()).containsEntry("status", "PLACED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a.b", "a>", "a b", "o-1@" })
	void idThatIsNotAValidTokenIsRefusedNamingIt(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> ReadModelQuery.idPattern(pattern))
			.withMessageStartingWith("read model id '" + pattern + "' is not a valid subject token");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a.*", "*>", "o-*.x", "* " })
	void globOfOtherCharactersIsRefused(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> ReadModelQuery.idPattern(pattern))
			.withMessage("id pattern '" + pattern + "' may hold only [A-Za-z0-9_-] and '*', or be '>'");
	}

}
