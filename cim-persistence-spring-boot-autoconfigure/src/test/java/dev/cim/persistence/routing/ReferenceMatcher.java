package dev.cim.persistence.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The plainest possible NATS matcher, for comparing against: a pattern becomes a regular
 * expression ({@code *} one token, {@code >} one or more).
 */
final class ReferenceMatcher {

	private ReferenceMatcher() {
	}

	private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

	static boolean matches(String pattern, String subject) {
		return COMPILED.computeIfAbsent(pattern, ReferenceMatcher::compile).matcher(subject).matches();
	}

	private static Pattern compile(String pattern) {
		StringBuilder regex = new StringBuilder();
		String[] tokens = pattern.split("\\.", -1);
		for (int i = 0; i < tokens.length; i++) {
			if (i > 0) {
				regex.append("\\.");
			}
			if (tokens[i].equals("*")) {
				regex.append("[^.]+");
			}
			else if (tokens[i].equals(">")) {
				regex.append("[^.]+(\\.[^.]+)*");
			}
			else {
				regex.append(Pattern.quote(tokens[i]));
			}
		}
		return Pattern.compile(regex.toString());
	}

}
