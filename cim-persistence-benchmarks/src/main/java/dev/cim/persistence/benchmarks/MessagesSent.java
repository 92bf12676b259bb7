package dev.cim.persistence.benchmarks;

import io.nats.client.Connection;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the messages a single-threaded benchmark sends per operation, from the
 * connection's statistics. On the read and save paths measured here every message sent
 * waits for an answer before the operation goes on (a publish acknowledgement, an API
 * reply, the messages of a pull), so it is the number of round trips; acknowledgements of
 * consumed messages are the exception, and the projection benchmark says so. The report
 * divides {@link #messages} by {@link #operations}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class MessagesSent {

	/** Messages sent during the iteration's operations. */
	public long messages;

	/** Operations counted in the iteration. */
	public long operations;

	/**
	 * Start each iteration from zero.
	 */
	@Setup(Level.Iteration)
	public void reset() {
		this.messages = 0;
		this.operations = 0;
	}

	/**
	 * Mark the start of an operation.
	 * @param connection the connection whose messages are counted
	 * @return the mark to give to {@link #end}
	 */
	long begin(Connection connection) {
		return connection.getStatistics().getOutMsgs();
	}

	/**
	 * Count an operation that began at a mark.
	 * @param connection the connection whose messages are counted
	 * @param mark what {@link #begin} returned
	 * @param operationCount how many operations it was (events, for the projection)
	 */
	void end(Connection connection, long mark, long operationCount) {
		this.messages += connection.getStatistics().getOutMsgs() - mark;
		this.operations += operationCount;
	}

}
