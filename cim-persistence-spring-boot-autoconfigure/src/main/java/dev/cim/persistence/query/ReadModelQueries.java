package dev.cim.persistence.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.cim.persistence.nats.DirectBatch;
import dev.cim.persistence.nats.DirectBatchReader;
import dev.cim.persistence.nats.DirectMessage;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.TooManySubjectsException;
import dev.cim.persistence.readmodel.ActiveVersion;
import dev.cim.persistence.readmodel.ReadModelKeys;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.readmodel.StoredReadModels;
import dev.cim.persistence.routing.IdPattern;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Executes the plans of read-model queries over the stream behind the read-model bucket
 * ({@code KV_{bucket}}, subjects {@code $KV.{bucket}.{type}.{slot}.{id}}), reading the
 * slot that {@link ReadModelStore#activeVersion(String)} names. Entries are decoded as
 * the store writes them ({@link StoredReadModels#decode}): a value with its metadata, or
 * a tombstone.
 */
final class ReadModelQueries {

	private static final String OPERATION_HEADER = "KV-Operation";

	private final OrderedStreamReader reader;

	private final ReadModelStore store;

	private final SecondaryIndexes indexes;

	private final String bucket;

	private final String stream;

	ReadModelQueries(OrderedStreamReader reader, ReadModelStore store, SecondaryIndexes indexes, String bucket) {
		this.reader = reader;
		this.store = store;
		this.indexes = indexes;
		this.bucket = bucket;
		this.stream = stream(bucket);
	}

	static String stream(String bucket) {
		return "KV_" + bucket;
	}

	/**
	 * Every entry of the type's active slot whose id matches, filtered in the client.
	 * Before any projection of the type ran there is no active record; entries written
	 * directly are then read from the slot of the highest version found.
	 */
	List<QueryRow> fullScan(ReadModelWhere query, ReadCounter counter) {
		@Nullable String slot = activeSlot(query.type());
		String filter = subject(query.type(), (slot != null) ? slot : "*", query.ids().filterToken());
		Map<String, List<QueryRow.ReadModelRow>> bySlot = new HashMap<>();
		this.reader.read(this.stream, filter, OrderedStreamReader.Start.lastPerEachSubject(), counter, (message) -> {
			collect(query, message.getSubject(), message.getData(), isDeleteMarker(message.getHeaders()), bySlot);
			return true;
		});
		return chosen(bySlot, slot, query.limit());
	}

	/**
	 * The newest entry of every key of the type's active slot whose id matches, read with
	 * one batched direct get ({@code multi_last}) from the bucket's subject index,
	 * filtered in the client. Delete and purge markers are skipped.
	 * @throws TooManySubjectsException when the key filter matches more than
	 * {@value DirectBatchReader#MAX_SUBJECTS} keys: the caller scans instead
	 */
	List<QueryRow> keyPattern(ReadModelWhere query, DirectBatchReader direct, ReadCounter counter) {
		@Nullable String slot = activeSlot(query.type());
		String filter = subject(query.type(), (slot != null) ? slot : "*", query.ids().filterToken());
		DirectBatch batch = direct.lastPerSubject(this.stream, List.of(filter), OptionalLong.empty());
		Map<String, List<QueryRow.ReadModelRow>> bySlot = new HashMap<>();
		for (DirectMessage message : batch.messages()) {
			counter.add(message.data());
			collect(query, message.subject(), message.data(), message.isKvDeleteOrPurge(), bySlot);
		}
		return chosen(bySlot, slot, query.limit());
	}

	private @Nullable String activeSlot(String type) {
		return this.store.activeVersion(type).map(ActiveVersion::slot).orElse(null);
	}

	private void collect(ReadModelWhere query, String subject, byte @Nullable [] data, boolean deleted,
			Map<String, List<QueryRow.ReadModelRow>> bySlot) {
		String key = subject.substring(prefix().length());
		if (deleted || !query.ids().matches(ReadModelKeys.idOf(key))) {
			return;
		}
		decode(query.type(), key, data).filter((row) -> ConditionMatcher.matchesAll(row.value(), query.conditions()))
			.ifPresent((row) -> bySlot.computeIfAbsent(slotOf(key), (s) -> new ArrayList<>()).add(row));
	}

	private static List<QueryRow> chosen(Map<String, List<QueryRow.ReadModelRow>> bySlot, @Nullable String active,
			int limit) {
		String chosen = (active != null) ? active : newestSlot(bySlot.keySet());
		return limited(bySlot.getOrDefault(chosen, List.of()), limit);
	}

	/**
	 * The entries whose ids an index holds for the values of the most selective indexed
	 * condition, each read and re-checked against every condition.
	 */
	List<QueryRow> secondaryIndex(ReadModelWhere query, QueryPlan plan, ReadCounter counter) {
		Condition indexed = query.conditions()
			.stream()
			.filter((condition) -> plan.statistics().indexes().containsKey(condition.field()))
			.min(Comparator
				.comparingDouble((condition) -> CostModel.indexHits(plan.statistics().indexes().get(condition.field()),
						plan.statistics()) * condition.values().size()))
			.orElseThrow(() -> new StrategyNotApplicableException(QueryStrategy.SECONDARY_INDEX, query.toText(),
					"no condition is on an indexed field"));
		Set<String> candidates = new LinkedHashSet<>();
		for (Object value : indexed.values()) {
			candidates.addAll(this.indexes.lookup(query.type(), indexed.field(), value));
		}
		IdPattern ids = query.ids();
		@Nullable String active = activeSlot(query.type());
		String slot = (active != null) ? active : "*";
		List<QueryRow.ReadModelRow> rows = new ArrayList<>();
		for (String id : candidates) {
			if (!ids.matches(id)) {
				continue;
			}
			Optional<MessageInfo> entry = last(subject(query.type(), slot, id));
			if (entry.isPresent() && !isDeleteMarker(entry.get().getHeaders())) {
				byte[] data = (entry.get().getData() != null) ? entry.get().getData() : new byte[0];
				counter.add(data);
				String key = entry.get().getSubject().substring(prefix().length());
				decode(query.type(), key, data)
					.filter((row) -> ConditionMatcher.matchesAll(row.value(), query.conditions()))
					.ifPresent(rows::add);
			}
		}
		return limited(rows, query.limit());
	}

	private Optional<MessageInfo> last(String subject) {
		try {
			return this.reader.lastMessage(this.stream, subject);
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading " + subject, ex);
		}
	}

	private static Optional<QueryRow.ReadModelRow> decode(String type, String key, byte @Nullable [] data) {
		return StoredReadModels.decode(key, data)
			.map((entry) -> new QueryRow.ReadModelRow(type, entry.id(), entry.value(), entry.metadata()));
	}

	private static List<QueryRow> limited(List<QueryRow.ReadModelRow> rows, int limit) {
		List<QueryRow.ReadModelRow> sorted = new ArrayList<>(rows);
		sorted.sort(Comparator.comparing(QueryRow.ReadModelRow::id));
		List<QueryRow> result = new ArrayList<>(sorted);
		return (limit > 0 && result.size() > limit) ? result.subList(0, limit) : result;
	}

	private static boolean isDeleteMarker(@Nullable Headers headers) {
		if (headers == null) {
			return false;
		}
		String operation = headers.getFirst(OPERATION_HEADER);
		return operation != null && (operation.equals("DEL") || operation.equals("PURGE"));
	}

	/**
	 * The slot with the highest version among those found, first builds before rebuilds.
	 */
	private static String newestSlot(Set<String> slots) {
		return slots.stream()
			.max(Comparator.comparingInt(ReadModelKeys::versionOf)
				.thenComparing((slot) -> ReadModelKeys.rebuildOf(slot) == 0)
				.thenComparingInt(ReadModelKeys::rebuildOf))
			.orElse("");
	}

	private static String slotOf(String key) {
		int first = key.indexOf('.');
		return key.substring(first + 1, key.indexOf('.', first + 1));
	}

	private String subject(String type, String slot, String idToken) {
		return prefix() + type + "." + slot + "." + idToken;
	}

	private String prefix() {
		return "$KV." + this.bucket + ".";
	}

}
