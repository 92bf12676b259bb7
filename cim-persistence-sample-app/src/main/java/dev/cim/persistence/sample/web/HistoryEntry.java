package dev.cim.persistence.sample.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.cim.persistence.repository.StoredEvent;

/**
 * One event of an order's history.
 *
 * @param version the order version the event created
 * @param type the event type
 * @param cid the CID of the event, if content addressing is on
 * @param prev the CID of the previous event; {@code null} for the first
 * @param sequence the event's stream sequence
 * @param timestamp when the event was created, ISO-8601
 * @param data the event's payload, as it is stored
 */
public record HistoryEntry(long version, String type, @Nullable String cid, @Nullable String prev, long sequence,
		String timestamp, JsonNode data) {

	// The repository hands out the typed event; the answer shows it as the store keeps
	// it: decimals as plain strings (never rounded through a binary float), and keys
	// sorted by their UTF-8 bytes, as in a DAG-JSON block.
	private static final JsonMapper storedForm = JsonMapper.builder()
		.withConfigOverride(BigDecimal.class,
				(override) -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(),
			b.codePoints().toArray());

	static HistoryEntry of(StoredEvent event) {
		return new HistoryEntry(event.version(), event.type(), event.cid(), event.prev(), event.sequence(),
				event.metadata().timestamp().toString(), sorted(storedForm.valueToTree(event.event())));
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isArray()) {
			List<JsonNode> elements = new ArrayList<>();
			node.values().forEach((element) -> elements.add(sorted(element)));
			return storedForm.createArrayNode().addAll(elements);
		}
		if (!node.isObject()) {
			return node;
		}
		List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
		entries.sort(Map.Entry.comparingByKey(UTF8_ORDER));
		ObjectNode object = storedForm.createObjectNode();
		entries.forEach((entry) -> object.set(entry.getKey(), sorted(entry.getValue())));
		return object;
	}

}
