package dev.cim.persistence.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.cim.persistence.routing.PermissionDecision.Operation;
import dev.cim.persistence.routing.PermissionDecision.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The allow and deny patterns for one operation (publish or subscribe), decided as NATS
 * user permissions are:
 * <ul>
 * <li>a deny pattern that applies wins over any allow pattern;</li>
 * <li>with allow patterns, a subject none of them matches is denied;</li>
 * <li>without allow patterns (none given, or an empty list), every subject no deny
 * pattern takes away is allowed. To deny everything, deny {@code >}.</li>
 * </ul>
 *
 * <p>
 * A subscription to a wildcard pattern is allowed only when one allow pattern covers it
 * entirely ({@link SubjectPattern#isCoveredBy}) and no deny pattern shares a subject with
 * it ({@link SubjectPattern#intersects}). This is stricter than nats-server in two
 * places, so that nothing the library allows is refused or filtered by the server: the
 * server accepts a wildcard subscription that a deny pattern only overlaps
 * ({@code orders.*} with {@code orders.secret} denied) and then drops the denied messages
 * at delivery, and its allow check matches the subscription's wildcards against the allow
 * patterns token by token, so that allowing {@code orders.*} also lets {@code orders.>}
 * through.
 *
 * <p>
 * Immutable and thread-safe. Checks of literal subjects go through token trees, so their
 * cost does not grow with the number of patterns.
 */
public final class PermissionRules {

	private static final PermissionRules UNRESTRICTED = new PermissionRules(List.of(), List.of());

	private final List<SubjectPattern> allow;

	private final List<SubjectPattern> deny;

	private final SubjectTree<Integer> allowTree;

	private final SubjectTree<Integer> denyTree;

	private PermissionRules(List<SubjectPattern> allow, List<SubjectPattern> deny) {
		this.allow = allow;
		this.deny = deny;
		this.allowTree = tree(allow);
		this.denyTree = tree(deny);
	}

	private static SubjectTree<Integer> tree(List<SubjectPattern> patterns) {
		SubjectTree<Integer> tree = SubjectTree.empty();
		for (int i = 0; i < patterns.size(); i++) {
			tree = tree.with(patterns.get(i), i);
		}
		return tree;
	}

	/**
	 * Rules from patterns; a pattern given twice is kept once, at its first place.
	 * @param allow the allow patterns; empty for "everything not denied"
	 * @param deny the deny patterns
	 * @return the rules
	 * @throws IllegalArgumentException when a pattern is invalid, see
	 * {@link SubjectPattern#of(String)}
	 */
	public static PermissionRules of(Collection<String> allow, Collection<String> deny) {
		return new PermissionRules(parse(allow), parse(deny));
	}

	/**
	 * Rules that allow every subject.
	 * @return rules without patterns
	 */
	public static PermissionRules unrestricted() {
		return UNRESTRICTED;
	}

	/**
	 * Rules that deny every subject: deny {@code >}.
	 * @return the rules
	 */
	public static PermissionRules denyAll() {
		return of(List.of(), List.of(SubjectPattern.REST));
	}

	private static List<SubjectPattern> parse(Collection<String> patterns) {
		Set<SubjectPattern> parsed = new LinkedHashSet<>();
		for (String pattern : patterns) {
			parsed.add(SubjectPattern.of(pattern));
		}
		return List.copyOf(parsed);
	}

	private static List<SubjectPattern> concat(List<SubjectPattern> first, List<SubjectPattern> second) {
		Set<SubjectPattern> both = new LinkedHashSet<>(first);
		both.addAll(second);
		return List.copyOf(both);
	}

	/**
	 * The allow patterns.
	 * @return the patterns, in the order given; empty when every subject not denied is
	 * allowed
	 */
	public List<SubjectPattern> allow() {
		return this.allow;
	}

	/**
	 * The deny patterns.
	 * @return the patterns, in the order given
	 */
	public List<SubjectPattern> deny() {
		return this.deny;
	}

	/**
	 * Whether these rules allow everything: no allow and no deny patterns.
	 * @return {@code true} without patterns
	 */
	public boolean isUnrestricted() {
		return this.allow.isEmpty() && this.deny.isEmpty();
	}

	/**
	 * These rules and another's: their allow patterns and their deny patterns each
	 * concatenated (a pattern in both kept once). Rules without allow patterns added to
	 * rules with some do not lift the allow list.
	 * @param other the other rules
	 * @return the combined rules
	 */
	public PermissionRules and(PermissionRules other) {
		if (other.isUnrestricted()) {
			return this;
		}
		if (isUnrestricted()) {
			return other;
		}
		return new PermissionRules(concat(this.allow, other.allow), concat(this.deny, other.deny));
	}

	/**
	 * Decide an operation on a literal subject.
	 * @param operation the operation, for the decision
	 * @param subject a literal subject
	 * @return the decision
	 * @throws IllegalArgumentException when the subject is not a valid literal subject
	 */
	PermissionDecision checkLiteral(Operation operation, String subject) {
		String[] tokens = SubjectPattern.tokenize(subject, "subject", false);
		SubjectPattern denied = first(this.denyTree, this.deny, tokens);
		if (denied != null) {
			return new PermissionDecision(operation, subject, Reason.DENIED_BY_RULE, denied);
		}
		if (this.allow.isEmpty()) {
			return new PermissionDecision(operation, subject, Reason.NO_ALLOW_LIST, null);
		}
		SubjectPattern allowed = first(this.allowTree, this.allow, tokens);
		return (allowed != null) ? new PermissionDecision(operation, subject, Reason.ALLOWED_BY_RULE, allowed)
				: new PermissionDecision(operation, subject, Reason.NOT_ALLOWED, null);
	}

	/**
	 * Decide a subscription to a subject or a wildcard pattern.
	 * @param pattern the subject or pattern subscribed to
	 * @return the decision
	 * @throws IllegalArgumentException when the pattern is invalid
	 */
	PermissionDecision checkSubscription(String pattern) {
		SubjectPattern subscription = SubjectPattern.of(pattern);
		if (subscription.isLiteral()) {
			return checkLiteral(Operation.SUBSCRIBE, pattern);
		}
		for (SubjectPattern denied : this.deny) {
			if (denied.intersects(subscription)) {
				return new PermissionDecision(Operation.SUBSCRIBE, pattern, Reason.DENIED_BY_RULE, denied);
			}
		}
		if (this.allow.isEmpty()) {
			return new PermissionDecision(Operation.SUBSCRIBE, pattern, Reason.NO_ALLOW_LIST, null);
		}
		for (SubjectPattern allowed : this.allow) {
			if (subscription.isCoveredBy(allowed)) {
				return new PermissionDecision(Operation.SUBSCRIBE, pattern, Reason.ALLOWED_BY_RULE, allowed);
			}
		}
		return new PermissionDecision(Operation.SUBSCRIBE, pattern, Reason.NOT_ALLOWED, null);
	}

	/** The first pattern, in the order given, that matches the tokens. */
	private static @Nullable SubjectPattern first(SubjectTree<Integer> tree, List<SubjectPattern> patterns,
			String[] tokens) {
		if (patterns.isEmpty()) {
			return null;
		}
		List<Integer> found = new ArrayList<>(2);
		tree.collect(tokens, found);
		int first = Integer.MAX_VALUE;
		for (int index : found) {
			first = Math.min(first, index);
		}
		return found.isEmpty() ? null : patterns.get(first);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof PermissionRules that) && this.allow.equals(that.allow) && this.deny.equals(that.deny);
	}

	@Override
	public int hashCode() {
		return 31 * this.allow.hashCode() + this.deny.hashCode();
	}

	@Override
	public String toString() {
		return "allow " + this.allow + ", deny " + this.deny;
	}

}
