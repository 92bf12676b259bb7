package dev.cim.persistence.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.readmodel.ReadModelMetadata;
import dev.cim.persistence.readmodel.StoredReadModels;
import org.jspecify.annotations.Nullable;

/**
 * One result of a query: a stored message (an event, or an aggregate's state) as the
 * stream holds it, or a read-model entry.
 */
public sealed interface QueryRow permits QueryRow.StoredMessage, QueryRow.ReadModelRow {

	/**
	 * A message as the stream holds it, not decoded.
	 *
	 * @param subject its subject
	 * @param sequence its stream sequence
	 * @param storedAt when the server stored it
	 * @param data its body
	 */
	record StoredMessage(String subject, long sequence, Instant storedAt, byte[] data) implements QueryRow {

		/**
		 * Check the values.
		 */
		public StoredMessage {
			Objects.requireNonNull(subject, "subject");
			Objects.requireNonNull(storedAt, "storedAt");
			Objects.requireNonNull(data, "data");
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return (other instanceof StoredMessage that) && this.subject.equals(that.subject)
					&& this.sequence == that.sequence && this.storedAt.equals(that.storedAt)
					&& Arrays.equals(this.data, that.data);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.subject, this.sequence, this.storedAt, Arrays.hashCode(this.data));
		}

		@Override
		public String toString() {
			return "StoredMessage[" + this.subject + " #" + this.sequence + " at " + this.storedAt + ", "
					+ this.data.length + " bytes]";
		}

	}

	/**
	 * A read-model entry, as its JSON tree.
	 *
	 * @param type the read-model type
	 * @param id the entry id
	 * @param value the value
	 * @param metadata the metadata stored with it
	 */
	record ReadModelRow(String type, String id, JsonNode value, ReadModelMetadata metadata) implements QueryRow {

		/**
		 * Check the values.
		 */
		public ReadModelRow {
			Objects.requireNonNull(type, "type");
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(value, "value");
			Objects.requireNonNull(metadata, "metadata");
		}

		/**
		 * The entry as its read model's class, read as the read-model store reads it.
		 * @param <T> the class
		 * @param modelClass the read model's class
		 * @return the value
		 * @throws org.springframework.dao.DataRetrievalFailureException when the value
		 * does not fit the class
		 */
		public <T> T as(Class<T> modelClass) {
			return StoredReadModels.toValue(modelClass, this.value);
		}

	}

}
