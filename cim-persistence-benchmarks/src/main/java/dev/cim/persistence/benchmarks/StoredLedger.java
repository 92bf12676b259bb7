package dev.cim.persistence.benchmarks;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.StreamContext;

/**
 * A ledger stored for a benchmark, with what its raw baseline needs to read it: the
 * connection, the event stream, the aggregate's event wildcard and its state subject.
 * Subclasses are JMH states that call {@link #open(BenchmarkNatsServer, String)} from
 * their trial set-up and then store as many events as their parameter asks.
 */
abstract class StoredLedger {

	BenchmarkNatsServer nats;

	Connection connection;

	JetStreamManagement management;

	StreamContext stream;

	String id;

	String wildcard;

	String stateSubject;

	/**
	 * Name a new ledger on the server, without storing anything yet.
	 * @param server the server
	 * @param name what the id starts with
	 * @throws Exception when the server cannot be reached
	 */
	void open(BenchmarkNatsServer server, String name) throws Exception {
		this.nats = server;
		this.connection = server.connection();
		this.management = server.management();
		this.stream = this.connection.getStreamContext(BenchmarkNatsServer.CONFIG.eventStreamName());
		this.id = server.newId(name);
		this.wildcard = server.subjects().aggregateEvents("bench", "Ledger", this.id);
		this.stateSubject = server.subjects().aggregateState("bench", "Ledger", this.id);
	}

	/**
	 * Throw unless a read found every event it should have.
	 * @param what what was done, for the message
	 * @param found how many events were read
	 * @param expected how many the ledger has
	 */
	static void expectCount(String what, long found, long expected) {
		if (found != expected) {
			throw new IllegalStateException(what + " " + found + " of " + expected);
		}
	}

}
