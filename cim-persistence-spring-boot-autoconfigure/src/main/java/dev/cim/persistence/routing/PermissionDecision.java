package dev.cim.persistence.routing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a permission check: allowed or denied, why, and the rule that decided
 * it.
 *
 * @param operation what was checked
 * @param subject the subject published to, or the subject or pattern subscribed to
 * @param reason why it is allowed or denied
 * @param rule the allow or deny pattern that decided it; {@code null} when no rule did
 * ({@link Reason#NO_ALLOW_LIST}, {@link Reason#NOT_ALLOWED})
 */
public record PermissionDecision(Operation operation, String subject, Reason reason, @Nullable SubjectPattern rule) {

	/**
	 * Check the components.
	 * @throws NullPointerException when a component other than the rule is {@code null}
	 */
	public PermissionDecision {
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(reason, "reason");
	}

	/**
	 * Whether the operation is allowed.
	 * @return {@code true} when allowed
	 */
	public boolean isAllowed() {
		return this.reason.allowed;
	}

	/**
	 * Whether the operation is denied.
	 * @return {@code true} when denied
	 */
	public boolean isDenied() {
		return !this.reason.allowed;
	}

	/**
	 * The decision in a sentence, for a log line or an exception message.
	 * @return for example {@code publish to 'cim.events.hr.Salary.s-1.Raised.1' denied by
	 * deny rule 'cim.events.hr.>'}
	 */
	public String describe() {
		String what = ((this.operation == Operation.PUBLISH) ? "publish to '" : "subscribe to '") + this.subject + "' ";
		return switch (this.reason) {
			case ALLOWED_BY_RULE -> what + "allowed by allow rule '" + this.rule + "'";
			case NO_ALLOW_LIST -> what + "allowed: no allow rules, and no deny rule applies";
			case DENIED_BY_RULE -> what + "denied by deny rule '" + this.rule + "'";
			case NOT_ALLOWED ->
				what + "denied: no allow rule " + ((this.operation == Operation.PUBLISH) ? "matches it" : "covers it");
		};
	}

	@Override
	public String toString() {
		return describe();
	}

	/**
	 * What a permission is checked for, as NATS distinguishes them.
	 */
	public enum Operation {

		/**
		 * Publishing a message to a literal subject.
		 */
		PUBLISH,

		/**
		 * Subscribing to a subject or a wildcard pattern.
		 */
		SUBSCRIBE

	}

	/**
	 * Why an operation is allowed or denied.
	 */
	public enum Reason {

		/**
		 * Allowed: an allow rule matches (for a subscription: covers every subject of it)
		 * and no deny rule applies.
		 */
		ALLOWED_BY_RULE(true),

		/**
		 * Allowed: there are no allow rules for the operation, which allows every subject
		 * that no deny rule takes away (as NATS treats a missing or empty allow list).
		 */
		NO_ALLOW_LIST(true),

		/**
		 * Denied: a deny rule matches (for a subscription: shares a subject with it).
		 * Deny wins over allow.
		 */
		DENIED_BY_RULE(false),

		/**
		 * Denied: there are allow rules, and none matches (for a subscription: none
		 * covers it).
		 */
		NOT_ALLOWED(false);

		private final boolean allowed;

		Reason(boolean allowed) {
			this.allowed = allowed;
		}

		/**
		 * Whether this reason allows the operation.
		 * @return {@code true} for the allowing reasons
		 */
		public boolean allows() {
			return this.allowed;
		}

	}

}
