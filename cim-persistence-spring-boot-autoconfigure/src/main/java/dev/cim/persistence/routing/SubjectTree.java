package dev.cim.persistence.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An immutable token tree of patterns, each holding values: one level per token, the
 * literal tokens in a hash map, {@code *} as one extra child, and the values of patterns
 * that end in {@code >} kept on the node before it. Matching a subject walks its tokens
 * once, following at each level the literal child and the {@code *} child, so its cost
 * depends on the subject's length and the wildcards along the way, not on how many
 * patterns there are (nats-server's sublist is built the same way).
 *
 * <p>
 * Adding or removing copies only the nodes on the pattern's path (path copying), so a
 * tree once published can be read by any number of threads without locks.
 *
 * @param <T> the values
 */
final class SubjectTree<T> {

	private static final Object[] NONE = {};

	@SuppressWarnings("rawtypes")
	private static final SubjectTree EMPTY = new SubjectTree<>(Map.of(), null, NONE, NONE);

	/** Children by literal token; never modified once the node is built. */
	private final Map<String, SubjectTree<T>> literals;

	/** The child for {@code *}. */
	private final @Nullable SubjectTree<T> one;

	/** Values of patterns that end at this node. */
	private final Object[] here;

	/** Values of patterns that end with {@code >} right after this node. */
	private final Object[] rest;

	private SubjectTree(Map<String, SubjectTree<T>> literals, @Nullable SubjectTree<T> one, Object[] here,
			Object[] rest) {
		this.literals = literals;
		this.one = one;
		this.here = here;
		this.rest = rest;
	}

	/**
	 * The empty tree.
	 * @param <T> the values
	 * @return a tree without patterns
	 */
	@SuppressWarnings("unchecked")
	static <T> SubjectTree<T> empty() {
		return EMPTY;
	}

	/**
	 * A tree that also holds a value under a pattern.
	 * @param pattern the pattern
	 * @param value the value
	 * @return the new tree; this one is unchanged
	 */
	SubjectTree<T> with(SubjectPattern pattern, T value) {
		return with(pattern.tokenArray(), 0, value);
	}

	private SubjectTree<T> with(String[] tokens, int i, T value) {
		if (i == tokens.length) {
			return new SubjectTree<>(this.literals, this.one, append(this.here, value), this.rest);
		}
		String token = tokens[i];
		if (token.equals(SubjectPattern.REST)) {
			return new SubjectTree<>(this.literals, this.one, this.here, append(this.rest, value));
		}
		if (token.equals(SubjectPattern.ONE)) {
			SubjectTree<T> child = (this.one != null) ? this.one : empty();
			return new SubjectTree<>(this.literals, child.with(tokens, i + 1, value), this.here, this.rest);
		}
		SubjectTree<T> child = this.literals.get(token);
		Map<String, SubjectTree<T>> literals = new HashMap<>(this.literals);
		literals.put(token, ((child != null) ? child : SubjectTree.<T>empty()).with(tokens, i + 1, value));
		return new SubjectTree<>(literals, this.one, this.here, this.rest);
	}

	/**
	 * A tree without one value under a pattern (compared by identity); nodes left empty
	 * are pruned.
	 * @param pattern the pattern
	 * @param value the value
	 * @return the new tree; this one is unchanged
	 */
	SubjectTree<T> without(SubjectPattern pattern, T value) {
		SubjectTree<T> tree = without(pattern.tokenArray(), 0, value);
		return (tree != null) ? tree : empty();
	}

	/** The node without the value, {@code null} when it is left empty. */
	private @Nullable SubjectTree<T> without(String[] tokens, int i, T value) {
		if (i == tokens.length) {
			return node(this.literals, this.one, remove(this.here, value), this.rest);
		}
		String token = tokens[i];
		if (token.equals(SubjectPattern.REST)) {
			return node(this.literals, this.one, this.here, remove(this.rest, value));
		}
		if (token.equals(SubjectPattern.ONE)) {
			if (this.one == null) {
				return this;
			}
			return node(this.literals, this.one.without(tokens, i + 1, value), this.here, this.rest);
		}
		SubjectTree<T> child = this.literals.get(token);
		if (child == null) {
			return this;
		}
		SubjectTree<T> changed = child.without(tokens, i + 1, value);
		if (changed == child) {
			return this;
		}
		Map<String, SubjectTree<T>> literals = new HashMap<>(this.literals);
		if (changed != null) {
			literals.put(token, changed);
		}
		else {
			literals.remove(token);
		}
		return node(literals.isEmpty() ? Map.of() : literals, this.one, this.here, this.rest);
	}

	private static <T> @Nullable SubjectTree<T> node(Map<String, SubjectTree<T>> literals, @Nullable SubjectTree<T> one,
			Object[] here, Object[] rest) {
		if (literals.isEmpty() && one == null && here.length == 0 && rest.length == 0) {
			return null;
		}
		return new SubjectTree<>(literals, one, here, rest);
	}

	/**
	 * Whether the tree holds no pattern.
	 * @return {@code true} when empty
	 */
	boolean isEmpty() {
		return this.literals.isEmpty() && this.one == null && this.here.length == 0 && this.rest.length == 0;
	}

	/**
	 * Add the values of every pattern that matches a literal subject, in no particular
	 * order.
	 * @param subject the subject's checked tokens
	 * @param matches receives the values
	 */
	void collect(String[] subject, List<T> matches) {
		collect(this, subject, 0, matches);
	}

	private static <T> void collect(SubjectTree<T> node, String[] subject, int i, List<T> matches) {
		// A loop down the literal path, recursing only into '*' children.
		SubjectTree<T> current = node;
		for (int at = i; at < subject.length; at++) {
			addAll(current.rest, matches);
			if (current.one != null) {
				collect(current.one, subject, at + 1, matches);
			}
			current = current.literals.get(subject[at]);
			if (current == null) {
				return;
			}
		}
		addAll(current.here, matches);
	}

	@SuppressWarnings("unchecked")
	private static <T> void addAll(Object[] values, List<T> matches) {
		for (Object value : values) {
			matches.add((T) value);
		}
	}

	private static Object[] append(Object[] values, Object value) {
		Object[] longer = new Object[values.length + 1];
		System.arraycopy(values, 0, longer, 0, values.length);
		longer[values.length] = value;
		return longer;
	}

	private static Object[] remove(Object[] values, Object value) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] == value) {
				if (values.length == 1) {
					return NONE;
				}
				Object[] shorter = new Object[values.length - 1];
				System.arraycopy(values, 0, shorter, 0, i);
				System.arraycopy(values, i + 1, shorter, i, values.length - i - 1);
				return shorter;
			}
		}
		return values;
	}

}
