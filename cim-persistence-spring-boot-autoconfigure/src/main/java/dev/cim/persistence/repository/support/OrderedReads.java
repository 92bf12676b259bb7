package dev.cim.persistence.repository.support;

import io.nats.client.Connection;
import io.nats.client.FetchConsumer;
import io.nats.client.OrderedConsumerContext;

/**
 * What every bulk read through an ordered consumer does when it is done: close the fetch
 * and delete the consumer on the server. Without the delete, each read would leave a
 * consumer behind until the server's inactivity timeout, and fast readers would reach the
 * server's consumer limit (error 10026).
 */
final class OrderedReads {

	private OrderedReads() {
	}

	static void closeQuietly(FetchConsumer fetch) {
		try {
			fetch.close();
		}
		catch (Exception ex) {
			// Closing a finished fetch only stops its pull request; nothing to recover.
		}
	}

	/**
	 * Delete the consumer without waiting for the answer: the read is complete, and a
	 * consumer the delete misses still expires on the server.
	 */
	static void release(Connection connection, String stream, OrderedConsumerContext consumer) {
		String name = consumer.getConsumerName();
		if (name != null) {
			try {
				connection.request("$JS.API.CONSUMER.DELETE." + stream + "." + name, new byte[0])
					.exceptionally((ex) -> null);
			}
			catch (IllegalStateException ex) {
				// Not connected: the consumer expires on the server.
			}
		}
	}

}
