package dev.cim.persistence.event;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import org.jspecify.annotations.Nullable;

/**
 * Builds the trees of the store's mappers and refuses a decimal node outside
 * {@link DecimalLimits}, so that a tree read from JSON (a read model entry, a state) or
 * made from an object never holds a decimal that costs more to compare or write out than
 * its text took to read.
 */
final class BoundedNodeFactory extends JsonNodeFactory {

	private static final long serialVersionUID = 1L;

	@Override
	public ValueNode numberNode(@Nullable BigDecimal value) {
		if (value != null) {
			DecimalLimits.check(value, "a number");
		}
		return super.numberNode(value);
	}

}
