package dev.cim.persistence.repository.support;

import java.util.concurrent.Executor;

import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.PayloadLimits;
import dev.cim.persistence.nats.StoreSubjects;

/**
 * The parts of the engine that every repository on one connection shares: the event
 * parts, and the state and snapshot stores with the lookups they need. The state stream
 * and the snapshot bucket must exist.
 *
 * @param events reads and appends events
 * @param states the state stream
 * @param snapshots the snapshot bucket
 * @param directGets asynchronous direct gets
 * @param verifier verifies hash chains
 */
record StoreParts(EventParts events, AggregateStateStore states, SnapshotStore snapshots, DirectGets directGets,
		ChainVerifier verifier) {

	static StoreParts wire(EventParts events) {
		NatsRepositoryConfig config = events.config();
		return new StoreParts(events,
				new AggregateStateStore(events.connection(), events.jetStream(), events.management(), config),
				new SnapshotStore(events.connection(), config, events.limits(), events.executor()),
				new DirectGets(events.connection(), config.publishTimeout()),
				new ChainVerifier(events.codec(), events.subjects()));
	}

	NatsRepositoryConfig config() {
		return this.events.config();
	}

	EventBlockCodec codec() {
		return this.events.codec();
	}

	StoreSubjects subjects() {
		return this.events.subjects();
	}

	PayloadLimits limits() {
		return this.events.limits();
	}

	EventReader reader() {
		return this.events.reader();
	}

	EventAppender appender() {
		return this.events.appender();
	}

	Executor executor() {
		return this.events.executor();
	}

}
