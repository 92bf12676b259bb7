package dev.cim.persistence.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Query#parse(String)} and {@link Query#toText()} on chosen inputs: the three
 * kinds, every clause and value form, and malformed queries with their offsets.
 */
class QueryParserTests {

	@Test
	void subjectQueryWithEveryClauseIsParsed() {
		Query query = Query.parse(
				"subject:cim.events.sales.Order.*.OrderPlaced.* since 2026-01-01T00:00:00Z until 2026-02-01T00:00:00.5Z from 42 limit 100");
		assertThat(query).isEqualTo(SubjectQuery.of("cim.events.sales.Order.*.OrderPlaced.*")
			.since(Instant.parse("2026-01-01T00:00:00Z"))
			.until(Instant.parse("2026-02-01T00:00:00.5Z"))
			.from(42)
			.limit(100));
	}

	@Test
	void subjectClausesMayComeInAnyOrder() {
		assertThat(Query.parse("subject:cim.events.> limit 5 from 3"))
			.isEqualTo(SubjectQuery.of("cim.events.>").from(3).limit(5));
	}

	@Test
	void readModelQueryWithEqualityAndInIsParsed() {
		Query query = Query.parse(
				"readmodel:OrderSummary where status = PLACED and region in (\"eu\", 'us', x-1) and items = 3 and paid = true and note = null limit 7");
		assertThat(query).isEqualTo(ReadModelWhere.of("OrderSummary")
			.where("status", "PLACED")
			.whereIn("region", "eu", "us", "x-1")
			.where("items", 3)
			.where("paid", true)
			.where("note", null)
			.limit(7));
	}

	@Test
	void readModelQueryWithoutConditionsAndWithAnIdPatternIsParsed() {
		assertThat(Query.parse("readmodel:OrderSummary.o-*")).isEqualTo(ReadModelWhere.of("OrderSummary").id("o-*"));
		assertThat(Query.parse("readmodel:OrderSummary")).isEqualTo(ReadModelWhere.of("OrderSummary"));
	}

	@Test
	void aggregateQueryIsParsed() {
		assertThat(Query.parse("aggregate:sales.Order.o-*")).isEqualTo(AggregateQuery.of("sales", "Order", "o-*"));
		assertThat(Query.parse("  aggregate:sales.Order.> limit 3 "))
			.isEqualTo(AggregateQuery.of("sales", "Order", ">").limit(3));
	}

	@Test
	void numbersAreComparedByValueWhateverTheirForm() {
		ReadModelWhere parsed = (ReadModelWhere) Query.parse("readmodel:T where a = 1.50 and b = -2e3 and c = 0.0");
		assertThat(parsed.conditions()).extracting((condition) -> condition.values().get(0))
			.containsExactly(new BigDecimal("1.5"), new BigDecimal("-2E+3"), BigDecimal.ZERO);
		assertThat(parsed).isEqualTo(ReadModelWhere.of("T").where("a", 1.5).where("b", -2000L).where("c", 0));
	}

	@Test
	void quotedStringsTakeEscapes() {
		ReadModelWhere parsed = (ReadModelWhere) Query
			.parse("readmodel:T where a = \"say \\\"hi\\\"\\n\\u00e9\\\\\" and b = 'it\\'s'");
		assertThat(parsed.conditions()).extracting((condition) -> condition.values().get(0))
			.containsExactly("say \"hi\"\né\\", "it's");
	}

	@Test
	void stringsThatLookLikeLiteralsArePrintedQuoted() {
		ReadModelWhere query = ReadModelWhere.of("T")
			.where("a", "true")
			.where("b", "null")
			.where("c", "12")
			.where("d", "")
			.where("e", "two words");
		assertThat(query.toText()).isEqualTo(
				"readmodel:T where a = \"true\" and b = \"null\" and c = \"12\" and d = \"\" and e = \"two words\"");
		assertThat(Query.parse(query.toText())).isEqualTo(query);
	}

	@Test
	void equalityOnlyQueriesConvertToTheReadModelStoresQuery() {
		ReadModelWhere query = ReadModelWhere.of("T").id("o-*").where("status", "PLACED");
		assertThat(query.toReadModelQuery()).hasValueSatisfying((converted) -> {
			assertThat(converted.idPattern()).isEqualTo("o-*");
			assertThat(converted.filters()).containsEntry("status", "PLACED");
			assertThat(ReadModelWhere.from("T", converted)).isEqualTo(query);
		});
		assertThat(query.whereIn("region", "eu").toReadModelQuery()).isEmpty();
		assertThat(query.limit(3).toReadModelQuery()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					``                                                    | 0  | 'subject:', 'readmodel:' or 'aggregate:'
					`select * from x`                                     | 0  | 'subject:', 'readmodel:' or 'aggregate:'
					`subject:`                                            | 8  | a subject pattern
					`subject:cim.>.x`                                     | 8  | a subject pattern
					`subject:cim.events.> since yesterday`                | 27 | an ISO-8601 instant
					`subject:cim.events.> limit 0`                        | 27 | a limit from 1
					`subject:cim.events.> from x`                         | 26 | a stream sequence from 1
					`subject:cim.events.> since 2026-01-01T00:00:00Z since 2026-01-01T00:00:00Z` | 48 | no second 'since'
					`subject:cim.events.> sorted`                         | 21 | 'since', 'until', 'from', 'limit'
					`subject:cim.events.> since 2026-02-01T00:00:00Z until 2026-01-01T00:00:00Z` | 48 | 'until' not before 'since'
					`readmodel:`                                          | 10 | a read-model type
					`readmodel:Order where status PLACED`                 | 29 | '=' or 'in' after field 'status'
					`readmodel:Order where = 1`                           | 22 | a field name
					`readmodel:Order where status = "open`                | 36 | a closing "
					`readmodel:Order where x in ()`                       | 28 | a value
					`readmodel:Order where x in (1 2)`                    | 30 | ',' or ')'
					`readmodel:Order where x = 12ab`                      | 28 | a space, ',' or ')' after the number
					`readmodel:Order where x = "\\q"`                      | 27 | an escape
					`readmodel:Order where x = 1e999999999999`            | 26 | a number whose exponent is in range
					`readmodel:Order where x = @`                         | 26 | a value
					`readmodel:Order limit 5 extra`                       | 24 | the end of the query
					`readmodel:Order.a.b`                                 | 17 | 'where', 'and', 'limit' or the end
					`readmodel:Order.a>b`                                 | 16 | a read-model id pattern
					`aggregate:sales.Order`                               | 21 | '.' and an aggregate id pattern
					`aggregate:sales`                                     | 15 | '.' and the aggregate type
					`aggregate:sales.Order.o-1 where x = 1`               | 26 | 'limit' or the end
					""")
	void malformedQueryNamesTheOffsetAndWhatWasExpected(String text, int offset, String expected) {
		assertThatExceptionOfType(QuerySyntaxException.class).isThrownBy(() -> Query.parse(text)).satisfies((ex) -> {
			assertThat(ex.getOffset()).isEqualTo(offset);
			assertThat(ex.getExpected()).startsWith(expected);
			assertThat(ex.getQuery()).isEqualTo(text);
			assertThat(ex).hasMessageContaining("offset " + offset);
		});
	}

	@Test
	void syntaxErrorIsASpringDataAccessUsageError() {
		assertThatExceptionOfType(org.springframework.dao.InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> Query.parse("nonsense"));
	}

	@Test
	void typedQueriesRefuseInvalidTokens() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SubjectQuery.of("cim..x"));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SubjectQuery.of("cim.>.x"));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ReadModelWhere.of("a.b"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> ReadModelWhere.of("T").where("a.b", 1));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ReadModelWhere.of("T").whereIn("a"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> ReadModelWhere.of("T").where("a", List.of(1)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> AggregateQuery.of("sales", "Order", "o.1"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> ReadModelWhere.of("T").where("a", Double.NaN));
	}

	@Test
	void subjectPatternsMatchAsTheServerDoes() {
		assertThat(SubjectPattern.matches("a.*.c", "a.b.c")).isTrue();
		assertThat(SubjectPattern.matches("a.*.c", "a.b.c.d")).isFalse();
		assertThat(SubjectPattern.matches("a.>", "a.b.c")).isTrue();
		assertThat(SubjectPattern.matches("a.>", "a")).isFalse();
		assertThat(SubjectPattern.matches(">", "a")).isTrue();
		assertThat(SubjectPattern.matches("a.b", "a.bc")).isFalse();
		assertThat(SubjectPattern.overlaps("cim.events.>", "cim.*.x")).isTrue();
		assertThat(SubjectPattern.overlaps("cim.events.>", "cim.aggregates.>")).isFalse();
		assertThat(SubjectPattern.overlaps("cim.events.>", "cim.events")).isFalse();
		assertThat(SubjectPattern.overlaps("cim.events.>", ">")).isTrue();
	}

}
