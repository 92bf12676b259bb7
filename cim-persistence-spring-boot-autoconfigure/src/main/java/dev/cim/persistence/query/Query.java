package dev.cim.persistence.query;

/**
 * A query: what to read, never how. Built in Java through the static factories of its
 * three kinds, or parsed from its text form with {@link #parse(String)}:
 *
 * <pre class="code">
 * subject:cim.events.sales.Order.*.OrderPlaced.* since 2026-01-01T00:00:00Z limit 100
 * readmodel:OrderSummary where status = PLACED and region in ("eu", "us") limit 50
 * aggregate:sales.Order.o-*
 * </pre>
 *
 * {@link #toText()} prints a query in that form, and parsing the text gives back an equal
 * query.
 */
public sealed interface Query permits SubjectQuery, ReadModelWhere, AggregateQuery {

	/**
	 * Parse the text form of a query.
	 * @param text the query text
	 * @return the query
	 * @throws QuerySyntaxException when the text does not follow the query language; it
	 * names the offset and what was expected there
	 */
	static Query parse(String text) {
		return new QueryParser(text).parse();
	}

	/**
	 * The query's text form, which {@link #parse(String)} reads back into an equal query.
	 * @return the text
	 */
	default String toText() {
		return QueryPrinter.print(this);
	}

	/**
	 * The most results to return.
	 * @return the limit, or 0 for no limit
	 */
	int limit();

}
