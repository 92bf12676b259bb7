package dev.cim.persistence.repository;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The result of verifying an aggregate's history: every CID recomputed from the stored
 * bytes, every {@code prev} link followed, versions checked for gaps and forks, subject,
 * headers and body compared.
 *
 * @param aggregate the aggregate
 * @param length the number of events read
 * @param head the CID of the newest event, computed from its bytes, as base32 text;
 * {@code null} for no events or without content addressing
 * @param problems what is wrong, in stream order; empty when the chain is sound
 */
public record ChainVerification(AggregateRef aggregate, long length, @Nullable String head,
		List<ChainProblem> problems) {

	/**
	 * Copy the list.
	 */
	public ChainVerification {
		problems = List.copyOf(problems);
	}

	/**
	 * Whether the chain is sound.
	 * @return {@code true} when no problem was found
	 */
	public boolean valid() {
		return this.problems.isEmpty();
	}

	/**
	 * The problems of one kind.
	 * @param kind the kind
	 * @return those problems
	 */
	public List<ChainProblem> problems(ChainProblem.Kind kind) {
		return this.problems.stream().filter((problem) -> problem.kind() == kind).toList();
	}

}
