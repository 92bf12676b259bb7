package dev.cim.persistence.routing;

import java.util.Random;

/**
 * Random patterns and subjects over a small alphabet, so that they overlap often.
 */
final class PatternGenerator {

	private static final String[] LITERALS = { "a", "b", "c" };

	private PatternGenerator() {
	}

	/** A valid pattern of 1 to {@code maxTokens} tokens: literals, '*', '>' last. */
	static String pattern(Random random, int maxTokens) {
		int length = 1 + random.nextInt(maxTokens);
		StringBuilder pattern = new StringBuilder();
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				pattern.append('.');
			}
			int pick = random.nextInt(10);
			if (i == length - 1 && pick == 0) {
				pattern.append('>');
			}
			else if (pick < 3) {
				pattern.append('*');
			}
			else {
				pattern.append(LITERALS[random.nextInt(LITERALS.length)]);
			}
		}
		return pattern.toString();
	}

	/** A literal subject of 1 to {@code maxTokens} tokens over {a, b, c, z}. */
	static String subject(Random random, int maxTokens) {
		int length = 1 + random.nextInt(maxTokens);
		StringBuilder subject = new StringBuilder();
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				subject.append('.');
			}
			int pick = random.nextInt(4);
			subject.append((pick < 3) ? LITERALS[pick] : "z");
		}
		return subject.toString();
	}

}
