package dev.cim.persistence.repository.support;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Decides whether a stored state or snapshot may be used: the fingerprint of the class's
 * shape matches, its state matches its CID, it claims no version beyond the head, and the
 * events after it link to the event it covers. What is not trusted is ignored (and
 * counted), never used.
 */
final class StateTrust {

	private static final System.Logger logger = System.getLogger(StateTrust.class.getName());

	private final String fingerprint;

	private final SnapshotStore snapshots;

	private final RepositoryObserver observer;

	private final String name;

	StateTrust(String fingerprint, SnapshotStore snapshots, RepositoryObserver observer, String name) {
		this.fingerprint = fingerprint;
		this.snapshots = snapshots;
		this.observer = observer;
		this.name = name;
	}

	/** The snapshot an entry stands for (itself or its object), if it can be trusted. */
	@Nullable StateDocument snapshot(byte[] entry, EventHead head) {
		SnapshotStore.Resolved resolved = this.snapshots.resolve(entry);
		byte[] document = resolved.document();
		return (document != null) ? trusted(document, head, true)
				: discard(true, Objects.requireNonNullElse(resolved.problem(), "unreadable"));
	}

	/** The state an entry of the state stream holds, if it can be trusted. */
	@Nullable StateDocument state(byte[] body, EventHead head) {
		return trusted(body, head, false);
	}

	private @Nullable StateDocument trusted(byte[] body, EventHead head, boolean snapshot) {
		StateDocument document;
		try {
			document = StateDocument.decode(body);
		}
		catch (IllegalArgumentException ex) {
			return discard(snapshot, "unreadable: " + ex.getMessage());
		}
		String problem = document.problem(this.fingerprint);
		if (problem == null && document.version() > head.version()) {
			problem = "claims version " + document.version() + " beyond the head " + head.version();
		}
		if (problem == null && document.version() == head.version() && !Objects.equals(document.covers(), head.cid())) {
			problem = "covers " + document.covers() + " but the head is " + head.cid();
		}
		if (problem != null) {
			return discard(snapshot, problem);
		}
		return document;
	}

	private @Nullable StateDocument discard(boolean snapshot, String problem) {
		if (snapshot) {
			this.observer.snapshotDiscarded(this.name, problem);
		}
		logger.log(Level.DEBUG, "ignoring the {0} of a {1}: {2}", snapshot ? "snapshot" : "state", this.name, problem);
		return null;
	}

	/**
	 * Whether the tail starts right after the base and, with content addressing, links to
	 * the event the base covers; with a head, an empty tail means the base is the head.
	 */
	static boolean linksTo(List<RecordedEvent> tail, StateDocument base, @Nullable EventHead head) {
		if (tail.isEmpty()) {
			return head == null || (base.version() == head.version() && Objects.equals(base.covers(), head.cid()));
		}
		RecordedEvent first = tail.get(0);
		if (first.version() != base.version() + 1 || first.sequence() <= base.sequence()) {
			return false;
		}
		for (int i = 1; i < tail.size(); i++) {
			if (tail.get(i).version() != tail.get(i - 1).version() + 1) {
				return false;
			}
		}
		return base.covers() == null || base.covers().equals(first.prev());
	}

}
