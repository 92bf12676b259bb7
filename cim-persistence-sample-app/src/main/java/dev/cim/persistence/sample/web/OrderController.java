package dev.cim.persistence.sample.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.cim.persistence.sample.order.Identifiers;
import dev.cim.persistence.sample.order.Order;
import dev.cim.persistence.sample.order.OrderEvent;
import dev.cim.persistence.sample.order.OrderService;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import dev.cim.persistence.repository.AggregateMetadata;

/**
 * The orders API. Every successful write answers the order's id, version and stream
 * sequence with an {@code ETag} of the version; a write carrying {@code If-Match} runs
 * only at that version.
 */
@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrderController {

	private static final String CAR_MEDIA_TYPE = "application/vnd.ipld.car";

	private static final int MAX_REASON_LENGTH = 1000;

	private final OrderService orders;

	/**
	 * Create the controller.
	 * @param orders the order service
	 */
	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<WriteResponse> create(@RequestBody CreateOrderRequest request) {
		String customerId = requireIdentifier("customerId", request.customerId());
		String id = (request.id() != null) ? requireIdentifier("id", request.id()) : UUID.randomUUID().toString();
		AggregateMetadata metadata = this.orders.create(id, customerId);
		return ResponseEntity.created(URI.create("/orders/" + id))
			.eTag(Long.toString(metadata.version()))
			.body(WriteResponse.of(metadata));
	}

	@PostMapping("/{id}/items")
	ResponseEntity<WriteResponse> addItem(@PathVariable String id, @RequestBody AddItemRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		String sku = requireIdentifier("sku", request.sku());
		Integer quantity = request.quantity();
		if (quantity == null) {
			throw new InvalidRequestException("quantity is required");
		}
		if (request.unitPrice() == null) {
			throw new InvalidRequestException("unitPrice is required");
		}
		return write(id, ifMatch, (order) -> order.addItem(sku, quantity, request.unitPrice()));
	}

	@DeleteMapping("/{id}/items/{sku}")
	ResponseEntity<WriteResponse> removeItem(@PathVariable String id, @PathVariable String sku,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		requireIdentifier("sku", sku);
		return write(id, ifMatch, (order) -> order.removeItem(sku));
	}

	@PostMapping("/{id}/place")
	ResponseEntity<WriteResponse> place(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return write(id, ifMatch, Order::place);
	}

	@PostMapping("/{id}/cancel")
	ResponseEntity<WriteResponse> cancel(@PathVariable String id,
			@RequestBody(required = false) @Nullable CancelOrderRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		String reason = (request != null) ? request.reason() : null;
		if (reason != null && reason.length() > MAX_REASON_LENGTH) {
			throw new InvalidRequestException("reason must be at most " + MAX_REASON_LENGTH + " characters");
		}
		return write(id, ifMatch, (order) -> order.cancel(reason));
	}

	@GetMapping("/{id}")
	ResponseEntity<OrderResponse> get(@PathVariable String id, @RequestParam(required = false) @Nullable Long version) {
		requireIdentifier("id", id);
		if (version != null && version < 1) {
			throw new InvalidRequestException("version must be at least 1, was " + version);
		}
		OrderResponse order = OrderResponse.of(this.orders.get(id, version));
		return ResponseEntity.ok().eTag(Long.toString(order.version())).body(order);
	}

	@GetMapping("/{id}/history")
	List<HistoryEntry> history(@PathVariable String id, @RequestParam(required = false) @Nullable Long from,
			@RequestParam(required = false) @Nullable Long to) {
		requireIdentifier("id", id);
		long first = (from != null) ? from : 1;
		long last = (to != null) ? to : Long.MAX_VALUE;
		if (first < 1) {
			throw new InvalidRequestException("from must be at least 1, was " + first);
		}
		if (last < first) {
			throw new InvalidRequestException("to must not be below from, was " + last + " < " + first);
		}
		return this.orders.history(id, first, last)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "order '" + id + "' does not exist"))
			.stream()
			.map(HistoryEntry::of)
			.toList();
	}

	@GetMapping("/{id}/verify")
	VerifyResponse verify(@PathVariable String id) {
		requireIdentifier("id", id);
		return VerifyResponse.of(this.orders.verify(id));
	}

	@GetMapping(path = "/{id}/export.car", produces = CAR_MEDIA_TYPE)
	ResponseEntity<byte[]> exportCar(@PathVariable String id) throws IOException {
		requireIdentifier("id", id);
		ByteArrayOutputStream car = new ByteArrayOutputStream();
		this.orders.exportCar(id, car);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(CAR_MEDIA_TYPE))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".car\"")
			.body(car.toByteArray());
	}

	private ResponseEntity<WriteResponse> write(String id, @Nullable String ifMatch,
			Function<Order, List<OrderEvent>> command) {
		requireIdentifier("id", id);
		AggregateMetadata metadata = this.orders.execute(id, IfMatch.version(ifMatch), command);
		return ResponseEntity.ok().eTag(Long.toString(metadata.version())).body(WriteResponse.of(metadata));
	}

	private static String requireIdentifier(String name, @Nullable String value) {
		if (value == null) {
			throw new InvalidRequestException(name + " is required");
		}
		if (!Identifiers.isValid(value)) {
			throw new InvalidRequestException(
					name + " must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-', was " + ApiError.excerpt(value));
		}
		return value;
	}

}
