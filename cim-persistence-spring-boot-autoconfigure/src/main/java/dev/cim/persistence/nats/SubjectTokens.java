package dev.cim.persistence.nats;

import org.jspecify.annotations.Nullable;

/**
 * The subject-token rule under its former name: every method delegates to
 * {@link dev.cim.persistence.routing.SubjectTokens}, which holds the rule. Kept only
 * until its last callers use that class; new code uses it directly.
 */
public final class SubjectTokens {

	/** The longest token accepted. */
	public static final int MAX_LENGTH = dev.cim.persistence.routing.SubjectTokens.MAX_LENGTH;

	private SubjectTokens() {
	}

	/**
	 * Return the token when it is valid, otherwise throw.
	 * @param what what the token is, for the message (for example {@code "aggregate id"})
	 * @param token the token to check
	 * @return the token
	 * @throws IllegalArgumentException naming the token and what is wrong with it
	 */
	public static String requireValid(String what, @Nullable String token) {
		return dev.cim.persistence.routing.SubjectTokens.require(token, what);
	}

	/**
	 * Whether the token is valid.
	 * @param token the token to check
	 * @return {@code true} when {@link #requireValid} would accept it
	 */
	public static boolean isValid(@Nullable String token) {
		return dev.cim.persistence.routing.SubjectTokens.isValid(token);
	}

}
