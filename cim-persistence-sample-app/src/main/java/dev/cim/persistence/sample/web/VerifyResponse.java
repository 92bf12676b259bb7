package dev.cim.persistence.sample.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.ChainProblem;
import dev.cim.persistence.repository.ChainVerification;

/**
 * The verification of an order's hash chain.
 *
 * @param valid whether the chain is sound
 * @param length the number of events read
 * @param head the CID of the newest event, computed from its bytes
 * @param problems what is wrong, one sentence each with its kind, version and sequence
 */
public record VerifyResponse(boolean valid, long length, @Nullable String head, List<String> problems) {

	static VerifyResponse of(ChainVerification verification) {
		return new VerifyResponse(verification.valid(), verification.length(), verification.head(),
				verification.problems().stream().map(ChainProblem::toString).toList());
	}

}
