package dev.cim.persistence.query;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@link SecondaryIndexes#none()}.
 */
final class NoSecondaryIndexes implements SecondaryIndexes {

	static final NoSecondaryIndexes INSTANCE = new NoSecondaryIndexes();

	private NoSecondaryIndexes() {
	}

	@Override
	public Map<String, IndexStatistics> indexes(String readModelType) {
		return Map.of();
	}

	@Override
	public List<String> lookup(String readModelType, String field, @Nullable Object value) {
		throw new UnsupportedOperationException("read model " + readModelType + " has no index on " + field
				+ ": secondary indexes are written by the projection runner of dev.cim.persistence.readmodel");
	}

}
