package dev.cim.persistence.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.cim.persistence.routing.PermissionDecision.Operation;
import org.jspecify.annotations.Nullable;

/**
 * What one principal may publish and subscribe to: {@link PermissionRules} for each
 * operation, decided as nats-server decides user permissions (deny wins; with allow
 * patterns only what they match is allowed; without them everything not denied is).
 *
 * <p>
 * The same rules can be handed to the server, so that it enforces them too:
 * {@link #toServerConfig()} renders the {@code permissions} block of a user in the
 * server's configuration file, {@link #toJwtJson()} the permissions of a user JWT.
 *
 * <p>
 * Immutable and thread-safe.
 */
public final class SubjectPermissions {

	private static final SubjectPermissions UNRESTRICTED = new SubjectPermissions(PermissionRules.unrestricted(),
			PermissionRules.unrestricted());

	private static final SubjectPermissions DENY_ALL = new SubjectPermissions(PermissionRules.denyAll(),
			PermissionRules.denyAll());

	private final PermissionRules publish;

	private final PermissionRules subscribe;

	private SubjectPermissions(PermissionRules publish, PermissionRules subscribe) {
		this.publish = Objects.requireNonNull(publish, "publish");
		this.subscribe = Objects.requireNonNull(subscribe, "subscribe");
	}

	/**
	 * Permissions from rules for each operation.
	 * @param publish the publish rules
	 * @param subscribe the subscribe rules
	 * @return the permissions
	 */
	public static SubjectPermissions of(PermissionRules publish, PermissionRules subscribe) {
		return new SubjectPermissions(publish, subscribe);
	}

	/**
	 * Permissions that allow everything.
	 * @return permissions without patterns
	 */
	public static SubjectPermissions unrestricted() {
		return UNRESTRICTED;
	}

	/**
	 * Permissions that deny everything: {@code >} denied for both operations.
	 * @return the permissions
	 */
	public static SubjectPermissions denyAll() {
		return DENY_ALL;
	}

	/**
	 * A builder of permissions, starting without patterns.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The publish rules.
	 * @return the rules
	 */
	public PermissionRules publish() {
		return this.publish;
	}

	/**
	 * The subscribe rules.
	 * @return the rules
	 */
	public PermissionRules subscribe() {
		return this.subscribe;
	}

	/**
	 * Decide a publish.
	 * @param subject the literal subject published to
	 * @return the decision
	 * @throws IllegalArgumentException when the subject is not a valid literal subject
	 */
	public PermissionDecision checkPublish(String subject) {
		return this.publish.checkLiteral(Operation.PUBLISH, subject);
	}

	/**
	 * Decide a subscription. A wildcard subscription is allowed only when one allow
	 * pattern covers it and no deny pattern shares a subject with it (see
	 * {@link PermissionRules}).
	 * @param subjectOrPattern the subject or pattern subscribed to
	 * @return the decision
	 * @throws IllegalArgumentException when the pattern is invalid
	 */
	public PermissionDecision checkSubscribe(String subjectOrPattern) {
		return this.subscribe.checkSubscription(subjectOrPattern);
	}

	/**
	 * These permissions and another's: for each operation, allow patterns and deny
	 * patterns concatenated (see {@link PermissionRules#and(PermissionRules)}).
	 * @param other the other permissions
	 * @return the combined permissions
	 */
	public SubjectPermissions and(SubjectPermissions other) {
		return new SubjectPermissions(this.publish.and(other.publish), this.subscribe.and(other.subscribe));
	}

	/**
	 * The rules as the {@code permissions} block of a user in nats-server's configuration
	 * file, for example:
	 *
	 * <pre>
	 * permissions: {
	 *   publish: {
	 *     allow: ["cim.events.sales.&gt;"]
	 *     deny: ["cim.events.sales.Secret.&gt;"]
	 *   }
	 *   subscribe: {
	 *     deny: ["&gt;"]
	 *   }
	 * }
	 * </pre>
	 *
	 * An operation without patterns is left out (the server then allows it, as these
	 * rules do); an empty allow list is left out rather than written as {@code []}, which
	 * the server reads the same way.
	 * @return the block, ending with a line break
	 */
	public String toServerConfig() {
		StringBuilder config = new StringBuilder("permissions: {\n");
		appendServerConfig(config, "publish", this.publish);
		appendServerConfig(config, "subscribe", this.subscribe);
		return config.append("}\n").toString();
	}

	private static void appendServerConfig(StringBuilder config, String operation, PermissionRules rules) {
		if (rules.isUnrestricted()) {
			return;
		}
		config.append("  ").append(operation).append(": {\n");
		if (!rules.allow().isEmpty()) {
			config.append("    allow: ").append(list(rules.allow())).append('\n');
		}
		if (!rules.deny().isEmpty()) {
			config.append("    deny: ").append(list(rules.deny())).append('\n');
		}
		config.append("  }\n");
	}

	/**
	 * The rules as the permissions of a NATS user JWT (the {@code pub} and {@code sub}
	 * members of the user claim's {@code nats} object), for example
	 * {@code {"pub":{"allow":["cim.events.sales.>"]},"sub":{"deny":[">"]}}}. Empty lists
	 * are left out, as the JWT libraries do.
	 * @return the JSON object
	 */
	public String toJwtJson() {
		return "{\"pub\":" + jwt(this.publish) + ",\"sub\":" + jwt(this.subscribe) + "}";
	}

	private static String jwt(PermissionRules rules) {
		List<String> members = new ArrayList<>(2);
		if (!rules.allow().isEmpty()) {
			members.add("\"allow\":" + list(rules.allow()));
		}
		if (!rules.deny().isEmpty()) {
			members.add("\"deny\":" + list(rules.deny()));
		}
		return "{" + String.join(",", members) + "}";
	}

	/**
	 * Patterns as a JSON array of strings; they hold only {@code [A-Za-z0-9_-.*>]}, so
	 * nothing needs escaping.
	 */
	private static String list(List<SubjectPattern> patterns) {
		List<String> quoted = new ArrayList<>(patterns.size());
		for (SubjectPattern pattern : patterns) {
			quoted.add("\"" + pattern.pattern() + "\"");
		}
		return "[" + String.join(", ", quoted) + "]";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof SubjectPermissions that) && this.publish.equals(that.publish)
				&& this.subscribe.equals(that.subscribe);
	}

	@Override
	public int hashCode() {
		return 31 * this.publish.hashCode() + this.subscribe.hashCode();
	}

	@Override
	public String toString() {
		return "publish: " + this.publish + "; subscribe: " + this.subscribe;
	}

	/**
	 * Collects patterns for {@link SubjectPermissions}. Not thread-safe.
	 */
	public static final class Builder {

		private final List<String> publishAllow = new ArrayList<>();

		private final List<String> publishDeny = new ArrayList<>();

		private final List<String> subscribeAllow = new ArrayList<>();

		private final List<String> subscribeDeny = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Allow publishing to subjects matching the patterns.
		 * @param patterns subject patterns
		 * @return this builder
		 */
		public Builder allowPublish(String... patterns) {
			this.publishAllow.addAll(List.of(patterns));
			return this;
		}

		/**
		 * Deny publishing to subjects matching the patterns.
		 * @param patterns subject patterns
		 * @return this builder
		 */
		public Builder denyPublish(String... patterns) {
			this.publishDeny.addAll(List.of(patterns));
			return this;
		}

		/**
		 * Allow subscribing to subjects or patterns the patterns cover.
		 * @param patterns subject patterns
		 * @return this builder
		 */
		public Builder allowSubscribe(String... patterns) {
			this.subscribeAllow.addAll(List.of(patterns));
			return this;
		}

		/**
		 * Deny subscribing to subjects or patterns that share a subject with the
		 * patterns.
		 * @param patterns subject patterns
		 * @return this builder
		 */
		public Builder denySubscribe(String... patterns) {
			this.subscribeDeny.addAll(List.of(patterns));
			return this;
		}

		/**
		 * Allow both publishing and subscribing to the patterns.
		 * @param patterns subject patterns
		 * @return this builder
		 */
		public Builder allow(String... patterns) {
			return allowPublish(patterns).allowSubscribe(patterns);
		}

		/**
		 * Deny both publishing and subscribing to the patterns.
		 * @param patterns subject patterns
		 * @return this builder
		 */
		public Builder deny(String... patterns) {
			return denyPublish(patterns).denySubscribe(patterns);
		}

		/**
		 * Build the permissions.
		 * @return the permissions
		 * @throws IllegalArgumentException when a pattern is invalid
		 */
		public SubjectPermissions build() {
			return new SubjectPermissions(PermissionRules.of(this.publishAllow, this.publishDeny),
					PermissionRules.of(this.subscribeAllow, this.subscribeDeny));
		}

	}

}
