package dev.cim.persistence.event;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Jackson trees and the IPLD data model ({@code null}, booleans,
 * integers, floats, strings, bytes, lists, maps, links).
 *
 * <p>
 * Exactness first: integers stay integers (the codecs hold {@code -2^64} to
 * {@code 2^64-1}); a {@code BigDecimal} within {@link DecimalLimits} becomes its plain
 * string, so no decimal is ever rounded through a binary float; a double is kept as a
 * float only when it is finite, and it round-trips exactly.
 */
public final class DataModelTrees {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private DataModelTrees() {
	}

	/**
	 * Convert a Jackson tree to the IPLD data model.
	 * @param node the tree
	 * @param path where the tree is, for error messages (for example {@code data})
	 * @return the value in the data model
	 * @throws IllegalArgumentException when the tree holds something the data model
	 * cannot represent exactly (a non-finite float, an embedded Java object) or a decimal
	 * outside {@link DecimalLimits}
	 */
	public static @Nullable Object toDataModel(JsonNode node, String path) {
		switch (node.getNodeType()) {
			case NULL, MISSING:
				return null;
			case BOOLEAN:
				return node.booleanValue();
			case STRING:
				return node.textValue();
			case BINARY:
				return binary(node, path);
			case NUMBER:
				return number(node, path);
			case ARRAY: {
				List<@Nullable Object> list = new ArrayList<>(node.size());
				int i = 0;
				for (JsonNode element : node) {
					list.add(toDataModel(element, path + "[" + i++ + "]"));
				}
				return list;
			}
			case OBJECT: {
				Map<String, @Nullable Object> map = new LinkedHashMap<>();
				for (Map.Entry<String, JsonNode> field : node.properties()) {
					map.put(field.getKey(), toDataModel(field.getValue(), path + "." + field.getKey()));
				}
				return map;
			}
			default:
				throw new IllegalArgumentException(
						path + " holds a " + node.getNodeType() + " value, which cannot be stored in an event");
		}
	}

	private static byte[] binary(JsonNode node, String path) {
		try {
			return node.binaryValue();
		}
		catch (java.io.IOException ex) {
			throw new IllegalArgumentException(path + " holds unreadable binary content", ex);
		}
	}

	private static Object number(JsonNode node, String path) {
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
		}
		if (node.isBigDecimal()) {
			// Checked first: the plain string of 1e-10000000 has ten million digits.
			return DecimalLimits.check(node.decimalValue(), path).toPlainString();
		}
		double value = node.doubleValue();
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException(path + " is " + value + ", which an event cannot hold");
		}
		return value;
	}

	/**
	 * Convert a value of the IPLD data model to a Jackson tree. Links become {@code {"/":
	 * "<cid>"}} objects.
	 * @param value the value
	 * @return the tree
	 * @throws IllegalArgumentException when the value is not of the data model
	 */
	public static JsonNode toTree(@Nullable Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof Boolean b) {
			return NODES.booleanNode(b);
		}
		if (value instanceof String s) {
			return NODES.textNode(s);
		}
		if (value instanceof Long l) {
			return NODES.numberNode(l);
		}
		if (value instanceof Integer i) {
			return NODES.numberNode(i.longValue());
		}
		if (value instanceof BigInteger big) {
			return NODES.numberNode(big);
		}
		if (value instanceof Double d) {
			return NODES.numberNode(d);
		}
		if (value instanceof byte[] bytes) {
			return NODES.binaryNode(bytes);
		}
		if (value instanceof Cid cid) {
			ObjectNode link = NODES.objectNode();
			link.put("/", cid.toString());
			return link;
		}
		if (value instanceof List<?> list) {
			ArrayNode array = NODES.arrayNode(list.size());
			for (Object element : list) {
				array.add(toTree(element));
			}
			return array;
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode object = NODES.objectNode();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				object.set(String.valueOf(entry.getKey()), toTree(entry.getValue()));
			}
			return object;
		}
		throw new IllegalArgumentException("not a value of the IPLD data model: " + value.getClass().getName());
	}

}
