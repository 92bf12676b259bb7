package dev.cim.persistence.sample.order;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.ChainVerification;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.SaveOptions;
import dev.cim.persistence.repository.StoredEvent;
import dev.cim.persistence.repository.VersionConflictException;
import dev.cim.persistence.repository.support.NatsRepository;

/**
 * Runs commands on orders through the auto-configured {@code NatsRepository<Order>}.
 *
 * <p>
 * A command either runs on the newest state and is retried on fresh state after a version
 * conflict ({@link NatsRepository#update}), or runs only at a version the caller expects,
 * and is refused with a {@link VersionConflictException} when the order is at another
 * version.
 */
@Service
public class OrderService {

	private final NatsRepository<Order> orders;

	private final RepositoryObserver observer;

	/**
	 * Create the service.
	 * @param orders the repository of orders
	 * @param observer the observer of the repositories, which counts version conflicts
	 */
	public OrderService(NatsRepository<Order> orders, ObjectProvider<RepositoryObserver> observer) {
		this.orders = orders;
		this.observer = observer.getIfAvailable(() -> RepositoryObserver.NONE);
	}

	/**
	 * Create an order.
	 * @param id the order's id
	 * @param customerId the customer's id
	 * @return the new order's metadata
	 * @throws dev.cim.persistence.repository.AggregateAlreadyExistsException when the id
	 * is taken
	 * @throws IllegalArgumentException when an id is malformed
	 */
	public AggregateMetadata create(String id, String customerId) {
		Order order = Order.blank();
		List<OrderEvent> events = order.create(id, customerId);
		return this.orders.save(order, events, SaveOptions.defaults().expectVersion(0));
	}

	/**
	 * Run a command on an order and store the events it decides.
	 * @param id the order's id
	 * @param expectedVersion the version the order must be at, or {@code null} to run on
	 * the newest state and retry after a conflict
	 * @param command decides the events from the order's state
	 * @return the order's metadata after the save
	 * @throws AggregateNotFoundException when the order does not exist
	 * @throws VersionConflictException when the order is not at the expected version, or
	 * every retry met a conflict
	 * @throws OrderRuleViolationException when the command is not allowed
	 */
	public AggregateMetadata execute(String id, @Nullable Long expectedVersion,
			Function<Order, List<OrderEvent>> command) {
		Identifiers.require("id", id);
		if (expectedVersion == null) {
			return this.orders.update(id, command).metadata();
		}
		LoadedAggregate<Order> loaded = this.orders.load(id);
		if (loaded.version() != expectedVersion) {
			// The command is not even decided: its decision would rest on a state the
			// caller has not seen. Counted like the conflicts the repository meets.
			this.observer.versionConflict(this.orders.getDescriptor().toString());
			throw new VersionConflictException(this.orders.getDescriptor().ref(id), expectedVersion, loaded.version());
		}
		Order order = loaded.aggregate();
		// Another write may land between the load and the save: the save's expectation
		// refuses it then, and the repository counts the conflict.
		return this.orders.save(order, command.apply(order), SaveOptions.defaults().expectVersion(expectedVersion));
	}

	/**
	 * Load an order.
	 * @param id the order's id
	 * @param version the version to load, or {@code null} for the newest
	 * @return the order and its metadata
	 * @throws AggregateNotFoundException when the order does not exist (at that version)
	 */
	public LoadedAggregate<Order> get(String id, @Nullable Long version) {
		Identifiers.require("id", id);
		return this.orders.load(id, (version != null) ? LoadOptions.atVersion(version) : LoadOptions.defaults());
	}

	/**
	 * An order's events between two versions, inclusive.
	 * @param id the order's id
	 * @param fromVersion the first version, at least 1
	 * @param toVersion the last version, at least {@code fromVersion}
	 * @return the events in order
	 * @throws AggregateNotFoundException when the order does not exist
	 */
	public List<StoredEvent> history(String id, long fromVersion, long toVersion) {
		Identifiers.require("id", id);
		List<StoredEvent> events = this.orders.findEvents(id, fromVersion, toVersion);
		if (events.isEmpty() && !this.orders.existsById(id)) {
			throw new AggregateNotFoundException("order '" + id + "' does not exist");
		}
		return events;
	}

	/**
	 * Verify an order's hash chain.
	 * @param id the order's id
	 * @return what the verification found
	 * @throws AggregateNotFoundException when the order does not exist
	 */
	public ChainVerification verify(String id) {
		Identifiers.require("id", id);
		return this.orders.verify(id);
	}

	/**
	 * Write an order's history as a CARv1 archive whose root is its head.
	 * @param id the order's id
	 * @param out where to write
	 * @throws IOException when writing fails
	 * @throws AggregateNotFoundException when the order does not exist
	 */
	public void exportCar(String id, OutputStream out) throws IOException {
		Identifiers.require("id", id);
		this.orders.exportCar(id, out);
	}

}
