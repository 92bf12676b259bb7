package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.StoreUnavailableException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataRetrievalFailureException;

/**
 * Reads many read-model entries with direct gets in flight together (when the bucket
 * allows direct gets; one by one otherwise), so that reading n entries costs about one
 * round trip instead of n. Thread-safe.
 */
final class EntryReads {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int IN_FLIGHT = 256;

	private static final String KV_OPERATION = NatsJetStreamConstants.KV_OPERATION_HEADER_KEY;

	private final Connection connection;

	private final ReadModelStore store;

	private final String bucket;

	private volatile @Nullable Boolean direct;

	EntryReads(Connection connection, ReadModelStore store) {
		this.connection = connection;
		this.store = store;
		this.bucket = store.bucketName();
	}

	/**
	 * Read entries.
	 * @return each key's entry (a deleted one as a tombstone), empty when missing, in the
	 * order of the keys
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	Map<String, Optional<StoredEntry>> readAll(Collection<String> keys) {
		Map<String, Optional<StoredEntry>> entries = new LinkedHashMap<>();
		if (!direct()) {
			keys.forEach((key) -> entries.put(key, this.store.read(key)));
			return entries;
		}
		Map<String, CompletableFuture<Message>> reads = new LinkedHashMap<>();
		for (String key : keys) {
			reads.put(key, request(key));
			if (reads.size() >= IN_FLIGHT) {
				collect(reads, entries);
			}
		}
		collect(reads, entries);
		return entries;
	}

	private void collect(Map<String, CompletableFuture<Message>> reads, Map<String, Optional<StoredEntry>> entries) {
		for (Map.Entry<String, CompletableFuture<Message>> read : reads.entrySet()) {
			entries.put(read.getKey(),
					Optional.ofNullable(stored(read.getKey(), await(read.getValue(), read.getKey()))));
		}
		reads.clear();
	}

	/**
	 * Ask for one entry with a direct get.
	 */
	CompletableFuture<Message> request(String key) {
		return this.connection.requestWithTimeout(
				"$JS.API.DIRECT.GET.KV_" + this.bucket + ".$KV." + this.bucket + "." + key, null, TIMEOUT);
	}

	/**
	 * The entry a direct get answered.
	 * @return the entry, {@code null} when missing, deleted or purged
	 */
	@Nullable StoredEntry stored(String key, Message reply) {
		if (reply.isStatusMessage()) {
			if (reply.getStatus().getCode() == 404) {
				return null;
			}
			throw new DataRetrievalFailureException(
					"reading " + key + " failed: " + reply.getStatus().getMessageWithCode());
		}
		Headers headers = reply.getHeaders();
		String operation = (headers != null) ? headers.getFirst(KV_OPERATION) : null;
		if (operation != null && !"PUT".equals(operation)) {
			// Deleted or purged: read as missing, like ReadModelStore.read.
			return null;
		}
		String sequence = (headers != null) ? headers.getFirst(NatsJetStreamConstants.NATS_SEQUENCE) : null;
		if (sequence == null) {
			throw new DataRetrievalFailureException("reading " + key + " failed: the reply has no sequence");
		}
		return this.store.decode(key, reply.getData(), Long.parseLong(sequence));
	}

	private static Message await(CompletableFuture<Message> future, String key) {
		try {
			return future.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DataAccessResourceFailureException("reading " + key + " was interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw NatsExceptionTranslator.translate("reading " + key,
					(ex.getCause() instanceof Exception cause) ? cause : ex);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new StoreUnavailableException("reading " + key + " timed out", ex);
		}
		catch (CancellationException ex) {
			throw new DataAccessResourceFailureException("reading " + key + " was cancelled", ex);
		}
	}

	/**
	 * Whether the bucket answers direct gets; read once.
	 */
	boolean direct() {
		Boolean allowed = this.direct;
		if (allowed == null) {
			try {
				allowed = this.connection.jetStreamManagement()
					.getStreamInfo("KV_" + this.bucket)
					.getConfiguration()
					.getAllowDirect();
			}
			catch (IOException | JetStreamApiException ex) {
				throw NatsExceptionTranslator.translate("reading the configuration of bucket " + this.bucket, ex);
			}
			this.direct = allowed;
		}
		return allowed;
	}

}
