package dev.cim.persistence.readmodel;

import dev.cim.persistence.event.DomainEvent;

/**
 * The events of the read-model tests.
 */
final class LedgerEvents {

	private LedgerEvents() {
	}

	@DomainEvent(type = "LedgerOpened")
	record Opened(String owner) {
	}

	@DomainEvent(type = "LedgerCredited")
	record Credited(long amount) {
	}

	@DomainEvent(type = "LedgerDebited")
	record Debited(long amount) {
	}

	@DomainEvent(type = "LedgerClosed")
	record Closed() {
	}

	/** An event no read model of the tests handles. */
	@DomainEvent(type = "LedgerAudited")
	record Audited(String by) {
	}

}
