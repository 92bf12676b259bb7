package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.StoreUnavailableException;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;
import org.jspecify.annotations.Nullable;

/**
 * Writes and deletes index entries with asynchronous publishes to the index bucket's
 * subjects, up to {@value #IN_FLIGHT} in flight, and waits for every acknowledgement, so
 * that a batch of index entries costs about one round trip. Thread-safe.
 */
final class IndexEntryWrites {

	private static final long TIMEOUT_MILLIS = 10_000;

	private static final int IN_FLIGHT = 1000;

	private static final byte[] EMPTY = new byte[0];

	private final Connection connection;

	private final String bucketName;

	private volatile @Nullable JetStream jetStream;

	IndexEntryWrites(Connection connection, String bucketName) {
		this.connection = connection;
		this.bucketName = bucketName;
	}

	/**
	 * Write index entries, with empty values.
	 * @throws org.springframework.dao.DataAccessException when one cannot be written
	 */
	void putAll(Collection<String> keys) {
		publishAll(keys, null);
	}

	/**
	 * Delete index entries.
	 * @throws org.springframework.dao.DataAccessException when one cannot be deleted
	 */
	void deleteAll(Collection<String> keys) {
		publishAll(keys, new Headers().put(NatsJetStreamConstants.KV_OPERATION_HEADER_KEY, "DEL"));
	}

	private void publishAll(Collection<String> keys, @Nullable Headers headers) {
		if (keys.isEmpty()) {
			return;
		}
		JetStream js = jetStream();
		List<CompletableFuture<PublishAck>> writes = new ArrayList<>();
		List<String> written = new ArrayList<>();
		for (String key : keys) {
			writes.add(js.publishAsync("$KV." + this.bucketName + "." + key, headers, EMPTY));
			written.add(key);
			if (writes.size() >= IN_FLIGHT) {
				awaitAll(writes, written);
			}
		}
		awaitAll(writes, written);
	}

	private static void awaitAll(List<CompletableFuture<PublishAck>> writes, List<String> keys) {
		@Nullable RuntimeException failure = null;
		for (int i = 0; i < writes.size(); i++) {
			try {
				writes.get(i).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = (failure != null) ? failure
						: new StoreUnavailableException("writing index entry " + keys.get(i) + " was interrupted", ex);
			}
			catch (ExecutionException ex) {
				failure = (failure != null) ? failure : NatsExceptionTranslator.translate(
						"writing index entry " + keys.get(i), (ex.getCause() instanceof Exception cause) ? cause : ex);
			}
			catch (TimeoutException ex) {
				failure = (failure != null) ? failure
						: new StoreUnavailableException("writing index entry " + keys.get(i) + " timed out", ex);
			}
		}
		writes.clear();
		keys.clear();
		if (failure != null) {
			throw failure;
		}
	}

	private JetStream jetStream() {
		JetStream js = this.jetStream;
		if (js == null) {
			try {
				js = this.connection.jetStream();
				this.jetStream = js;
			}
			catch (IOException ex) {
				throw NatsExceptionTranslator.translate("opening JetStream", ex);
			}
		}
		return js;
	}

}
