package dev.cim.persistence.readmodel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cim.persistence.event.StoreObjectMappers;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataRetrievalFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StoredReadModels}.
 */
class StoredReadModelsTests {

	private static final ObjectMapper MAPPER = StoreObjectMappers.forEvents();

	private static final ReadModelEntryCodec CODEC = new ReadModelEntryCodec(MAPPER);

	private static final ReadModelMetadata METADATA = new ReadModelMetadata(2, 17,
			Instant.parse("2026-01-02T03:04:05Z"));

	@Test
	void decodeReadsWhatTheStoreWritesWithTheIdOfTheKey() throws Exception {
		JsonNode value = MAPPER.readTree("{\"status\":\"PLACED\",\"items\":3}");
		ReadModelEntry<JsonNode> entry = StoredReadModels.decode("Summary.v2.o-1", CODEC.encode(value, METADATA))
			.orElseThrow();
		assertThat(entry.id()).isEqualTo("o-1");
		assertThat(entry.value()).isEqualTo(value);
		assertThat(entry.metadata()).isEqualTo(METADATA);
	}

	@Test
	void aTombstoneOrNothingDecodesToEmpty() {
		assertThat(StoredReadModels.decode("Summary.v2.o-1", CODEC.encode(null, METADATA))).isEmpty();
		assertThat(StoredReadModels.decode("Summary.v2.o-1", new byte[0])).isEmpty();
		assertThat(StoredReadModels.decode("Summary.v2.o-1", null)).isEmpty();
	}

	@Test
	void bytesThatAreNoEntryAreAnError() {
		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> StoredReadModels.decode("Summary.v2.o-1", "not json".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> StoredReadModels.decode("Summary.v2.o-1",
					"{\"updatedAt\":\"yesterday\",\"value\":{}}".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("updatedAt");
	}

	@Test
	void fieldEqualsComparesNumbersByValueAndNullWithMissingFields() throws Exception {
		JsonNode value = MAPPER.readTree("{\"items\":3,\"status\":\"PLACED\",\"note\":null}");
		assertThat(StoredReadModels.fieldEquals(value, "items", DecimalNode.valueOf(new BigDecimal("3.0")))).isTrue();
		assertThat(StoredReadModels.fieldEquals(value, "status", TextNode.valueOf("PLACED"))).isTrue();
		assertThat(StoredReadModels.fieldEquals(value, "status", TextNode.valueOf("PAID"))).isFalse();
		assertThat(StoredReadModels.fieldEquals(value, "note", NullNode.getInstance())).isTrue();
		assertThat(StoredReadModels.fieldEquals(value, "missing", NullNode.getInstance())).isTrue();
		assertThat(StoredReadModels.fieldEquals(value, "missing", TextNode.valueOf("x"))).isFalse();
	}

}
