package dev.cim.persistence.sample.order;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import dev.cim.persistence.repository.AggregateHistory;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.ChainVerification;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.StoredEvent;
import dev.cim.persistence.repository.VersionConflictException;

/**
 * Runs commands on orders through the auto-configured repository of orders, injected as
 * {@link AggregateRepository AggregateRepository&lt;Order&gt;} and, for the hash chain,
 * {@link AggregateHistory AggregateHistory&lt;Order&gt;}.
 *
 * <p>
 * A command either runs on the newest state and is retried on fresh state after a version
 * conflict ({@link AggregateRepository#update(String, Function)}), or runs only at a
 * version the caller expects
 * ({@link AggregateRepository#update(String, long, Function)}), and is refused with a
 * {@link VersionConflictException} when the order is at another version.
 *
 * <p>
 * Ids are checked where requests enter the application (the web layer), not again here;
 * the repository refuses an id that is not a valid subject token with an
 * {@link IllegalArgumentException} before anything is sent.
 */
@Service
public class OrderService {

	private final AggregateRepository<Order> orders;

	private final AggregateHistory<Order> histories;

	/**
	 * Create the service.
	 * @param orders the repository of orders
	 * @param histories the hash chains of orders
	 */
	public OrderService(AggregateRepository<Order> orders, AggregateHistory<Order> histories) {
		this.orders = orders;
		this.histories = histories;
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
		// Saving a new instance expects the order not to exist yet.
		return this.orders.save(order, order.create(id, customerId)).metadata();
	}

	/**
	 * Run a command on an order and store the events it decides.
	 * @param id the order's id
	 * @param expectedVersion the version the order must be at, or {@code null} to run on
	 * the newest state and retry after a conflict
	 * @param command decides the events from the order's state
	 * @return the order's metadata after the save
	 * @throws dev.cim.persistence.repository.AggregateNotFoundException when the order
	 * does not exist
	 * @throws VersionConflictException when the order is not at the expected version, or
	 * every retry met a conflict
	 * @throws OrderRuleViolationException when the command is not allowed
	 */
	public AggregateMetadata execute(String id, @Nullable Long expectedVersion,
			Function<Order, List<OrderEvent>> command) {
		if (expectedVersion == null) {
			return this.orders.update(id, command).metadata();
		}
		// At another version the command is not even decided: its decision would rest on
		// a state the caller has not seen.
		return this.orders.update(id, expectedVersion, command).metadata();
	}

	/**
	 * Load an order.
	 * @param id the order's id
	 * @param version the version to load, or {@code null} for the newest
	 * @return the order and its metadata
	 * @throws dev.cim.persistence.repository.AggregateNotFoundException when the order
	 * does not exist (at that version)
	 */
	public LoadedAggregate<Order> get(String id, @Nullable Long version) {
		return this.orders.load(id, (version != null) ? LoadOptions.atVersion(version) : LoadOptions.defaults());
	}

	/**
	 * An order's events between two versions, inclusive.
	 * @param id the order's id
	 * @param fromVersion the first version, at least 1
	 * @param toVersion the last version, at least {@code fromVersion}
	 * @return the events in order (none when the order has none in the range), or empty
	 * when the order does not exist
	 */
	public Optional<List<StoredEvent>> history(String id, long fromVersion, long toVersion) {
		List<StoredEvent> events = this.orders.findEvents(id, fromVersion, toVersion);
		if (events.isEmpty() && !this.orders.existsById(id)) {
			return Optional.empty();
		}
		return Optional.of(events);
	}

	/**
	 * Verify an order's hash chain.
	 * @param id the order's id
	 * @return what the verification found
	 * @throws dev.cim.persistence.repository.AggregateNotFoundException when the order
	 * does not exist
	 */
	public ChainVerification verify(String id) {
		return this.histories.verify(id);
	}

	/**
	 * Write an order's history as a CARv1 archive whose root is its head.
	 * @param id the order's id
	 * @param out where to write
	 * @throws IOException when writing fails
	 * @throws dev.cim.persistence.repository.AggregateNotFoundException when the order
	 * does not exist
	 */
	public void exportCar(String id, OutputStream out) throws IOException {
		this.histories.exportCar(id, out);
	}

}
