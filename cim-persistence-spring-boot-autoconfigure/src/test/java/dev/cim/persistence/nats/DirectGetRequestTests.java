package dev.cim.persistence.nats;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DirectGetRequestTests {

	@Test
	void nextBySubjectFromASequenceNamesTheServersFields() {
		assertThat(DirectGetRequest.nextBySubject("e.o-1.>", 17, null, 500, 4096))
			.isEqualTo("{\"seq\":17,\"next_by_subj\":\"e.o-1.>\",\"batch\":500,\"max_bytes\":4096}");
	}

	@Test
	void nextBySubjectFromATimeSendsTheTimeInRfc3339InsteadOfTheSequence() {
		Instant time = Instant.parse("2024-11-04T23:45:02.060192001Z");
		assertThat(DirectGetRequest.nextBySubject(">", 17, time, 3, 0))
			.isEqualTo("{\"start_time\":\"2024-11-04T23:45:02.060192001Z\",\"next_by_subj\":\">\",\"batch\":3}");
	}

	@Test
	void multiLastLeavesOutFieldsAtZero() {
		assertThat(DirectGetRequest.multiLast(List.of("e.a.>", "e.b.*.1"), 0, 0, null, 0))
			.isEqualTo("{\"multi_last\":[\"e.a.>\",\"e.b.*.1\"]}");
	}

	@Test
	void multiLastCarriesTheCursorAndTheCap() {
		assertThat(DirectGetRequest.multiLast(List.of("$KV.b.>"), 12, 40, null, 1024))
			.isEqualTo("{\"multi_last\":[\"$KV.b.>\"],\"seq\":12,\"up_to_seq\":40,\"max_bytes\":1024}");
	}

	@Test
	void multiLastAsOfATimeSendsTheTime() {
		assertThat(DirectGetRequest.multiLast(List.of("a.>"), 0, 0, Instant.parse("2024-11-05T00:50:25.2484313Z"), 0))
			.isEqualTo("{\"multi_last\":[\"a.>\"],\"up_to_time\":\"2024-11-05T00:50:25.248431300Z\"}");
	}

	@Test
	void quotesAndBackslashesAndControlCharactersAreEscaped() {
		assertThat(DirectGetRequest.multiLast(List.of("a\"b\\c\u0001é"), 0, 0, null, 0))
			.isEqualTo("{\"multi_last\":[\"a\\\"b\\\\c\\u0001é\"]}");
	}

	@Test
	void aStreamNameThatCannotBeASubjectTokenIsRefused() {
		assertThatNoException().isThrownBy(() -> DirectGetRequest.checkStream("KV_users-1"));
		for (String bad : new String[] { "", "a.b", "a*", "a>", "a b", "a\tb" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> DirectGetRequest.checkStream(bad))
				.withMessage("'" + bad + "' is not a stream name");
		}
	}

	@Test
	void anEmptyFilterOrOneWithWhitespaceIsRefused() {
		assertThatNoException().isThrownBy(() -> DirectGetRequest.checkFilter("$KV.b.*.>"));
		assertThatIllegalArgumentException().isThrownBy(() -> DirectGetRequest.checkFilter(""));
		assertThatIllegalArgumentException().isThrownBy(() -> DirectGetRequest.checkFilter("a. b"));
		assertThatIllegalArgumentException().isThrownBy(() -> DirectGetRequest.checkNotNegative("batch", -1))
			.withMessageContaining("batch");
	}

}
