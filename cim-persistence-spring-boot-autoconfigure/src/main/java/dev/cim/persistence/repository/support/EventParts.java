package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.NatsExceptionTranslator;
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
 * The parts of the engine that read and append events, wired once on a connection. They
 * need only the event stream.
 *
 * @param connection the connection
 * @param config the layout
 * @param codec the event codec
 * @param subjects the subjects
 * @param limits the payload limits
 * @param jetStream the JetStream context, with the publish timeout
 * @param management the JetStream management context, with the publish timeout
 * @param reader reads events
 * @param appender appends events
 * @param executor runs blocking work of asynchronous saves
 */
record EventParts(Connection connection, NatsRepositoryConfig config, EventBlockCodec codec, StoreSubjects subjects,
		PayloadLimits limits, JetStream jetStream, JetStreamManagement management, EventReader reader,
		EventAppender appender, Executor executor) {

	static EventParts wire(Connection connection, NatsRepositoryConfig config, Clock clock, Executor executor) {
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
		return new EventParts(connection, config, codec, subjects, limits, jetStream, management, reader, appender,
				executor);
	}

}
