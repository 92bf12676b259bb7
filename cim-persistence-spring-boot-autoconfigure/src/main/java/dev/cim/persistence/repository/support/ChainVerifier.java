package dev.cim.persistence.repository.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventFormatException;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.nats.StoreSubjects;
import dev.cim.persistence.routing.SubjectTokens;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.ChainProblem;
import dev.cim.persistence.repository.ChainVerification;

/**
 * Verifies an aggregate's history from the stored messages alone: recomputes every CID
 * from the bytes, follows every {@code prev} link, checks that versions are contiguous
 * and that subject, headers and body agree.
 */
final class ChainVerifier {

	private final EventBlockCodec codec;

	private final StoreSubjects subjects;

	ChainVerifier(EventBlockCodec codec, StoreSubjects subjects) {
		this.codec = codec;
		this.subjects = subjects;
	}

	ChainVerification verify(AggregateRef aggregate, List<RawEvent> events) {
		List<ChainProblem> problems = new ArrayList<>();
		if (!this.codec.isContentAddressed()) {
			problems.add(new ChainProblem(ChainProblem.Kind.NOT_CONTENT_ADDRESSED, 0, 0,
					"the history was written with content addressing off (enable-ipld=false): there are no CIDs to verify"));
			return new ChainVerification(aggregate, events.size(), null, problems);
		}
		Cid previousCid = null;
		long previousVersion = 0;
		for (RawEvent event : events) {
			long subjectVersion = subjectVersion(event.subject());
			Cid cid = this.codec.cidOf(event.body());
			Objects.requireNonNull(cid);
			String claimed = event.header("Cim-Cid");
			if (claimed != null && !claimed.equals(cid.toString())) {
				problems.add(problem(ChainProblem.Kind.CONTENT_ALTERED, subjectVersion, event,
						"stored under CID " + claimed + ", but its bytes hash to " + cid));
			}
			String messageId = event.header("Nats-Msg-Id");
			if (claimed != null && messageId != null && !messageId.equals(claimed)) {
				problems.add(problem(ChainProblem.Kind.HEADER_MISMATCH, subjectVersion, event,
						"Nats-Msg-Id " + messageId + " differs from Cim-Cid " + claimed));
			}
			EventBlock block;
			try {
				block = this.codec.decode(event.body());
			}
			catch (EventFormatException ex) {
				problems.add(problem(ChainProblem.Kind.CONTENT_ALTERED, subjectVersion, event,
						"the body is not a valid event block: " + ex.getMessage()));
				previousCid = (claimed != null) ? parseOrNull(claimed) : cid;
				previousVersion = Math.max(previousVersion, subjectVersion);
				continue;
			}
			checkHeaders(aggregate, event, block, subjectVersion, problems);
			long version = block.version();
			if (version <= previousVersion) {
				problems.add(problem(ChainProblem.Kind.FORK, version, event,
						"a second event for version " + version + " (the chain had reached " + previousVersion + ")"));
			}
			else if (version > previousVersion + 1) {
				problems.add(problem(ChainProblem.Kind.GAP, version, event, (version - previousVersion - 1)
						+ " version(s) missing: " + (previousVersion + 1) + ".." + (version - 1)));
			}
			if (version == 1) {
				if (block.prev() != null) {
					problems.add(problem(ChainProblem.Kind.BROKEN_LINK, version, event,
							"the first event links to " + block.prev() + "; it must have no prev"));
				}
			}
			else if (block.prev() == null) {
				problems.add(problem(ChainProblem.Kind.BROKEN_LINK, version, event, "the event has no prev link"));
			}
			else if (version == previousVersion + 1 && !block.prev().equals(previousCid)) {
				problems.add(problem(ChainProblem.Kind.BROKEN_LINK, version, event,
						"prev links to " + block.prev() + ", but the previous event is " + previousCid));
			}
			previousCid = cid;
			previousVersion = Math.max(previousVersion, version);
		}
		return new ChainVerification(aggregate, events.size(), EventConversion.text(previousCid), problems);
	}

	private void checkHeaders(AggregateRef aggregate, RawEvent event, EventBlock block, long subjectVersion,
			List<ChainProblem> problems) {
		String expectedSubject = this.subjects.event(aggregate.context(), aggregate.type(), aggregate.id(),
				safeToken(block.type()), Math.max(1, block.version()));
		if (!expectedSubject.equals(event.subject()) || !block.context().equals(aggregate.context())
				|| !block.aggregateType().equals(aggregate.type()) || !block.aggregateId().equals(aggregate.id())) {
			problems.add(problem(ChainProblem.Kind.HEADER_MISMATCH, subjectVersion, event,
					"subject " + event.subject() + " does not match the body (" + block.context() + "."
							+ block.aggregateType() + "." + block.aggregateId() + ", " + block.type() + ", version "
							+ block.version() + ")"));
		}
		mismatch("Cim-Event-Type", event.header("Cim-Event-Type"), block.type(), subjectVersion, event, problems);
		mismatch("Cim-Schema", event.header("Cim-Schema"), Integer.toString(block.schema()), subjectVersion, event,
				problems);
		mismatch("Cim-Prev-Cid", event.header("Cim-Prev-Cid"), (block.prev() != null) ? block.prev().toString() : null,
				subjectVersion, event, problems);
	}

	private static void mismatch(String header, @Nullable String found, @Nullable String body, long version,
			RawEvent event, List<ChainProblem> problems) {
		if (!Objects.equals(found, body)) {
			problems.add(problem(ChainProblem.Kind.HEADER_MISMATCH, version, event,
					"header " + header + " is " + found + ", the body says " + body));
		}
	}

	private static String safeToken(String type) {
		return SubjectTokens.isValid(type) ? type : "invalid";
	}

	private static long subjectVersion(String subject) {
		try {
			return StoreSubjects.versionOf(subject);
		}
		catch (IllegalArgumentException ex) {
			return 0;
		}
	}

	private static @Nullable Cid parseOrNull(String cid) {
		try {
			return Cid.parse(cid);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static ChainProblem problem(ChainProblem.Kind kind, long version, RawEvent event, String message) {
		return new ChainProblem(kind, version, event.sequence(), message);
	}

}
