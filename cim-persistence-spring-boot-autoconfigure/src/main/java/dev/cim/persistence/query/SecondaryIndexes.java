package dev.cim.persistence.query;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The seam to the secondary indexes that the projection runner keeps in the
 * {@code cim-indexes} bucket: which indexes exist, for planning, and the ids an index
 * holds for a value, for {@link QueryStrategy#SECONDARY_INDEX}. An index is a hint: the
 * executor re-checks every id it returns against the entry itself, so a stale index entry
 * never yields a wrong result.
 *
 * <p>
 * The index writer lives in {@code dev.cim.persistence.readmodel} and is not part of this
 * package; until it supplies an implementation, {@link #none()} reports no index, and the
 * planner never chooses {@link QueryStrategy#SECONDARY_INDEX}.
 */
public interface SecondaryIndexes {

	/**
	 * The indexes of a read-model type.
	 * @param readModelType the read-model type
	 * @return the indexes by field name, empty when there is none
	 * @throws org.springframework.dao.DataAccessException when they cannot be read
	 */
	Map<String, IndexStatistics> indexes(String readModelType);

	/**
	 * The ids an index holds for a value of its field, in the active slot of the type.
	 * @param readModelType the read-model type
	 * @param field an indexed field
	 * @param value the value, as a {@link Condition} holds it
	 * @return the ids, possibly stale: each is re-checked against its entry
	 * @throws UnsupportedOperationException when the field has no index
	 * @throws org.springframework.dao.DataAccessException when the index cannot be read
	 */
	List<String> lookup(String readModelType, String field, @Nullable Object value);

	/**
	 * No index at all.
	 * @return the empty seam
	 */
	static SecondaryIndexes none() {
		return NoSecondaryIndexes.INSTANCE;
	}

}
