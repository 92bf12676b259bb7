package dev.cim.persistence.sample.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.cim.persistence.query.QueryHint;
import dev.cim.persistence.query.QueryOptimizer;
import dev.cim.persistence.query.QueryResult;
import dev.cim.persistence.query.QueryRow;
import dev.cim.persistence.query.ReadModelWhere;
import dev.cim.persistence.readmodel.ProjectionRunner;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.sample.order.Identifiers;
import dev.cim.persistence.sample.order.OrderStatus;
import dev.cim.persistence.sample.summary.OrderSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The order summaries: a read model kept in NATS KV by a projection of the order events.
 * {@code atLeast=s} waits (up to 5 s) until the projection has applied stream sequence
 * {@code s}, so a client reads its own writes.
 */
@RestController
@RequestMapping(path = "/order-summaries", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrderSummaryController {

	/** The response header naming the strategy the query optimizer chose. */
	static final String STRATEGY_HEADER = "X-Query-Strategy";

	private static final Duration READ_YOUR_WRITES_TIMEOUT = Duration.ofSeconds(5);

	private final ReadModelStore readModels;

	private final ProjectionRunner projections;

	private final QueryOptimizer queries;

	/**
	 * Create the controller.
	 * @param readModels the read-model store
	 * @param projections the projections, to wait for a sequence
	 * @param queries the query optimizer
	 */
	public OrderSummaryController(ReadModelStore readModels, ProjectionRunner projections, QueryOptimizer queries) {
		this.readModels = readModels;
		this.projections = projections;
		this.queries = queries;
	}

	/**
	 * The summaries with a status and of a customer, through the query optimizer, which
	 * uses the indexes on both fields when they narrow the read; the strategy it chose is
	 * in the {@value #STRATEGY_HEADER} header.
	 */
	@GetMapping
	ResponseEntity<List<OrderSummaryResponse>> list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String customerId,
			@RequestParam(required = false) @Nullable Long atLeast) {
		ReadModelWhere query = ReadModelWhere.of(OrderSummary.TYPE);
		if (status != null) {
			query = query.where("status", parseStatus(status).name());
		}
		if (customerId != null) {
			if (!Identifiers.isValid(customerId)) {
				throw new InvalidRequestException(
						"customerId must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
			}
			query = query.where("customerId", customerId);
		}
		awaitIfAsked(atLeast);
		QueryResult result = this.queries.execute(query, QueryHint.none());
		List<OrderSummaryResponse> summaries = result.rows()
			.stream()
			.map((row) -> OrderSummaryResponse.of(((QueryRow.ReadModelRow) row).as(OrderSummary.class)))
			.sorted(Comparator.comparing(OrderSummaryResponse::id))
			.toList();
		return ResponseEntity.ok().header(STRATEGY_HEADER, result.performance().strategy().name()).body(summaries);
	}

	@GetMapping("/{id}")
	OrderSummaryResponse get(@PathVariable String id, @RequestParam(required = false) @Nullable Long atLeast) {
		if (!Identifiers.isValid(id)) {
			throw new InvalidRequestException("id must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
		}
		awaitIfAsked(atLeast);
		return this.readModels.findById(OrderSummary.class, id)
			.map(OrderSummaryResponse::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no summary of order '" + id + "'"));
	}

	private void awaitIfAsked(@Nullable Long atLeast) {
		if (atLeast == null) {
			return;
		}
		if (atLeast < 1) {
			throw new InvalidRequestException("atLeast must be a stream sequence of at least 1, was " + atLeast);
		}
		this.projections.awaitSequence(OrderSummary.class, atLeast, READ_YOUR_WRITES_TIMEOUT);
	}

	private static OrderStatus parseStatus(String status) {
		try {
			return OrderStatus.valueOf(status.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(
					"status must be OPEN, PLACED or CANCELLED, was " + ApiError.excerpt(status));
		}
	}

}
