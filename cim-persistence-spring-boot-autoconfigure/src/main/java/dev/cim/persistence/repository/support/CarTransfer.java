package dev.cim.persistence.repository.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.ipld.Car;
import dev.cim.persistence.ipld.CarFormatException;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.nats.AtomicBatchPublisher;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.ChainImportException;
import dev.cim.persistence.repository.ChainVerification;

/**
 * Exports an aggregate's history as a CARv1 archive (root = the head's CID, blocks in
 * chain order, exactly the stored bytes) and imports one with full verification, keeping
 * every event's bytes and CID. An import takes the blocks in any order, and a CAR without
 * roots, whose head is the one block no other block links to.
 */
final class CarTransfer {

	private final EventReader reader;

	private final EventAppender appender;

	private final ChainVerifier verifier;

	CarTransfer(EventReader reader, EventAppender appender, ChainVerifier verifier) {
		this.reader = reader;
		this.appender = appender;
		this.verifier = verifier;
	}

	/**
	 * Write an aggregate's history as a CAR.
	 * @return the verification of the exported history
	 */
	ChainVerification export(AggregateRef ref, OutputStream out) throws IOException {
		if (!this.reader.codec().isContentAddressed()) {
			throw new InvalidDataAccessApiUsageException(
					"the history of " + ref + " is not content-addressed (enable-ipld=false): it cannot be a CAR");
		}
		List<RawEvent> raw = this.reader.rawHistory(ref);
		if (raw.isEmpty()) {
			throw new AggregateNotFoundException(ref + " does not exist");
		}
		List<Car.Block> blocks = new ArrayList<>(raw.size());
		for (RawEvent event : raw) {
			blocks.add(new Car.Block(this.reader.codec().cidOf(event.body()), event.body()));
		}
		Cid head = blocks.get(blocks.size() - 1).cid();
		new Car(List.of(head), blocks).write(out);
		return this.verifier.verify(ref, raw);
	}

	/**
	 * Read a CAR, verify it as the complete history of one new aggregate of the expected
	 * type, and append its events with their exact bytes.
	 */
	AppendResult importCar(InputStream in, String context, String type) throws IOException {
		Car car;
		try {
			car = Car.read(in);
		}
		catch (CarFormatException ex) {
			throw new ChainImportException("the CAR is malformed: " + ex.getMessage(), ex);
		}
		List<EncodedEvent> encoded = CarChain.inChainOrder(car, this.reader.codec());
		AggregateRef ref = null;
		for (int i = 0; i < encoded.size(); i++) {
			EncodedEvent event = encoded.get(i);
			EventBlock block = event.block();
			AggregateRef eventRef = new AggregateRef(block.context(), block.aggregateType(), block.aggregateId());
			if (ref == null) {
				ref = eventRef;
				if (!ref.context().equals(context) || !ref.type().equals(type)) {
					throw new ChainImportException(
							"the CAR holds a " + ref.context() + "." + ref.type() + ", not a " + context + "." + type);
				}
			}
			else if (!ref.equals(eventRef)) {
				throw new ChainImportException("the CAR mixes aggregates " + ref + " and " + eventRef);
			}
			long expectedVersion = i + 1;
			if (block.version() != expectedVersion) {
				throw new ChainImportException("block " + event.cid() + " has version " + block.version()
						+ " where its place in the chain is version " + expectedVersion);
			}
		}
		AppendResult last = null;
		EventHead head = EventHead.NONE;
		List<RecordedEvent> stored = new ArrayList<>(encoded.size());
		for (int from = 0; from < encoded.size(); from += AtomicBatchPublisher.MAX_BATCH_SIZE) {
			List<EncodedEvent> batch = encoded.subList(from,
					Math.min(encoded.size(), from + AtomicBatchPublisher.MAX_BATCH_SIZE));
			last = this.appender.append(new PreparedAppend(ref, head, batch));
			head = last.head();
			stored.addAll(last.events());
		}
		return new AppendResult(ref, last.head(), stored);
	}

}
