package dev.cim.persistence.repository.support;

import io.micrometer.observation.ObservationRegistry;
import dev.cim.persistence.repository.EventSourced;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Repositories on the parts of an event store, for engine tests that append through the
 * store and load through a repository.
 */
final class Repositories {

	private Repositories() {
	}

	static <T extends EventSourced<?>> NatsRepository<T> of(EventStore store, Class<T> type,
			RepositoryObserver observer) {
		AggregateDescriptor<T> descriptor = AggregateDescriptor.of(type);
		return new NatsRepository<>(descriptor, StoreParts.wire(store.parts),
				new RepositoryInstrumentation(ObservationRegistry.NOOP, observer, descriptor.toString()));
	}

}
