package dev.cim.persistence.query;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.cim.persistence.testsupport.Fuzzer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the query text: every generated typed query prints to a text that parses
 * back to an equal query, and random or mutated text is either a query or refused with a
 * {@link QuerySyntaxException}, never anything else.
 *
 * @see Fuzzer for the number of cases and a longer run
 */
class QueryTextPropertyTests {

	private static final int CASES = 3000;

	private static final String[] TOKENS = { "cim", "events", "sales", "Order", "o-1", "OrderPlaced", "7", "x_y",
			"A-b-C" };

	private static final String[] WORDS = { "PLACED", "true", "false", "null", "and", "limit", "in", "where", "",
			"two words", "12", "-3", "1e5", "a\"b", "back\\slash", "tab\there", "line\nbreak", "é", "😀", "\u0001",
			"it's", "x-1", "a.b", "_u", "a,b", "(x)", "=" };

	@Test
	void printedQueryParsesBackToAnEqualQuery() {
		long seed = Long.getLong(Fuzzer.SEED_PROPERTY, 0x5EED_F022L);
		for (int i = 0; i < Fuzzer.cases(CASES); i++) {
			Random random = new Random(seed * 1_000_003L + i);
			Query query = query(random);
			String text = query.toText();
			assertThat(Query.parse(text)).as("case %d of seed %d: %s", i, seed, text).isEqualTo(query);
			assertThat(Query.parse(" \t" + text + "\n")).as("with spaces around: %s", text).isEqualTo(query);
		}
	}

	@Test
	void randomTextIsAQueryOrASyntaxError() {
		List<byte[]> corpus = new ArrayList<>();
		Random random = new Random(42);
		for (int i = 0; i < 50; i++) {
			corpus.add(query(random).toText().getBytes(StandardCharsets.UTF_8));
		}
		Fuzzer.of("query text", corpus)
			.withAlphabet("subjectreadmodlgg:.*>_- \"'\\(),=0123456789eE+TZ:sinceuntilfromlimitwhereandtruefalsenull")
			.run(Fuzzer.cases(CASES), (input) -> {
				Query query = Query.parse(new String(input, StandardCharsets.UTF_8));
				assertThat(Query.parse(query.toText())).isEqualTo(query);
			}, Set.of(QuerySyntaxException.class));
	}

	static Query query(Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> subjectQuery(random);
			case 1 -> readModelQuery(random);
			default -> aggregateQuery(random);
		};
	}

	private static SubjectQuery subjectQuery(Random random) {
		StringBuilder pattern = new StringBuilder();
		int tokens = 1 + random.nextInt(7);
		for (int i = 0; i < tokens; i++) {
			if (i > 0) {
				pattern.append('.');
			}
			int kind = random.nextInt(5);
			pattern.append(
					(kind == 0) ? "*" : (kind == 1 && i == tokens - 1) ? ">" : TOKENS[random.nextInt(TOKENS.length)]);
		}
		SubjectQuery query = SubjectQuery.of(pattern.toString());
		Instant since = null;
		if (random.nextBoolean()) {
			since = instant(random);
			query = query.since(since);
		}
		if (random.nextBoolean()) {
			Instant until = instant(random);
			query = query.until((since != null && until.isBefore(since)) ? since : until);
		}
		if (random.nextBoolean()) {
			query = query.from(
					random.nextBoolean() ? 1 + random.nextInt(1000) : Math.max(1, random.nextLong() & Long.MAX_VALUE));
		}
		return random.nextBoolean() ? query.limit(1 + random.nextInt(Integer.MAX_VALUE)) : query;
	}

	private static ReadModelWhere readModelQuery(Random random) {
		ReadModelWhere query = ReadModelWhere.of(TOKENS[random.nextInt(TOKENS.length)]).id(idPattern(random));
		int conditions = random.nextInt(4);
		for (int i = 0; i < conditions; i++) {
			String field = TOKENS[random.nextInt(TOKENS.length)];
			if (random.nextBoolean()) {
				query = query.where(field, value(random));
			}
			else {
				int count = 1 + random.nextInt(4);
				Object[] values = new Object[count];
				for (int v = 0; v < count; v++) {
					values[v] = value(random);
				}
				query = query.whereIn(field, values);
			}
		}
		return random.nextBoolean() ? query.limit(1 + random.nextInt(1000)) : query;
	}

	private static AggregateQuery aggregateQuery(Random random) {
		AggregateQuery query = AggregateQuery.of(TOKENS[random.nextInt(TOKENS.length)],
				TOKENS[random.nextInt(TOKENS.length)], idPattern(random));
		return random.nextBoolean() ? query.limit(1 + random.nextInt(1000)) : query;
	}

	private static String idPattern(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> "*";
			case 1 -> ">";
			case 2 -> "o-*";
			case 3 -> "*a*b";
			default -> TOKENS[random.nextInt(TOKENS.length)];
		};
	}

	private static @Nullable Object value(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> random.nextLong();
			case 3 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(40) - 20);
			case 4 -> random.nextDouble() * 1e6;
			default -> WORDS[random.nextInt(WORDS.length)];
		};
	}

	private static Instant instant(Random random) {
		return Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE),
				random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
	}

}
