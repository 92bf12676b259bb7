package dev.cim.persistence.repository.support;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executor;

import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.PayloadLimits;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;

/**
 * The parts of the engine that every repository on one connection shares, wired once: the
 * event reader and appender, the state and snapshot stores and the lookups they need.
 *
 * @param config the layout
 * @param codec the event codec
 * @param subjects the subjects
 * @param limits the payload limits
 * @param reader reads events
 * @param appender appends events
 * @param states the state stream
 * @param snapshots the snapshot bucket
 * @param directGets asynchronous direct gets
 * @param verifier verifies hash chains
 * @param executor runs blocking work of asynchronous saves
 */
record StoreParts(NatsRepositoryConfig config, EventBlockCodec codec, StoreSubjects subjects, PayloadLimits limits,
		EventReader reader, EventAppender appender, AggregateStateStore states, SnapshotStore snapshots,
		DirectGets directGets, ChainVerifier verifier, Executor executor) {

	/**
	 * Wire the parts on a connection. The streams and buckets must exist (see
	 * {@link dev.cim.persistence.nats.JetStreamProvisioner}).
	 */
	static StoreParts wire(Connection connection, NatsRepositoryConfig config, Clock clock, Executor executor) {
		StoreSubjects subjects = StoreSubjects.of(config);
		EventBlockCodec codec = new EventBlockCodec(config.enableIpld(), IpldCodec.forName(config.ipldCodec()));
		PayloadLimits limits = new PayloadLimits(connection, config);
		JetStreamOptions options = JetStreamOptions.builder().requestTimeout(config.publishTimeout()).build();
		JetStream jetStream;
		JetStreamManagement management;
		try {
			jetStream = connection.jetStream(options);
			management = connection.jetStreamManagement(options);
		}
		catch (IOException ex) {
			throw NatsExceptionTranslator.translate("opening JetStream", ex);
		}
		EventReader reader = new EventReader(config.eventStreamName(), subjects, codec, management,
				new EventHistoryReader(connection, jetStream, config, subjects));
		LeaderReads leaderReads = new LeaderReads(connection, config.eventStreamName(), config.publishTimeout());
		EventAppender appender = new EventAppender(connection, jetStream, leaderReads, codec,
				new EventMessages(subjects, codec.contentType()), limits, clock, config.publishTimeout(),
				config.publishAttempts(), executor);
		return new StoreParts(config, codec, subjects, limits, reader, appender,
				new AggregateStateStore(connection, jetStream, management, config),
				new SnapshotStore(connection, config, limits, executor),
				new DirectGets(connection, config.publishTimeout()), new ChainVerifier(codec, subjects), executor);
	}

}
