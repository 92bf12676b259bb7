package dev.cim.persistence.repository.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.cim.persistence.ipld.Car;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.ChainImportException;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Importing CARs written by other tools: without roots ({@code roots: []}, as
 * {@code @ipld/car} writes a bundle of blocks) and with the blocks in any order.
 */
@NatsIntegrationTest
class CarImportIntegrationTests {

	/**
	 * {@code {"roots": [], "version": 1}} with its length.
	 */
	private static final byte[] HEADER_WITHOUT_ROOTS = HexFormat.of().parseHex("11a265726f6f7473806776657273696f6e01");

	private static Connection connection;

	private static NatsRepository<Account> source;

	private static NatsRepository<Account> target;

	@BeforeAll
	static void provision(NatsTestServer server) throws Exception {
		connection = server.connect();
		source = repositoryFor(store("source"));
		target = repositoryFor(store("target"));
	}

	@AfterAll
	static void close() throws InterruptedException {
		connection.close();
	}

	@Test
	void aCarWithoutRootsAndItsBlocksNewestFirstImportsWithItsHeadFoundFromTheLinks() throws Exception {
		String id = "r-" + UUID.randomUUID();
		Car exported = export(id, 4);
		List<Car.Block> newestFirst = new ArrayList<>(exported.blocks());
		Collections.reverse(newestFirst);
		AggregateMetadata imported = target.importCar(new ByteArrayInputStream(withoutRoots(newestFirst)));
		assertThat(imported.version()).isEqualTo(5);
		assertThat(imported.headCid()).isEqualTo(exported.roots().get(0).toString());
		assertThat(target.verify(id).valid()).isTrue();
		assertThat(target.load(id).aggregate().balance()).isEqualByComparingTo("10");
	}

	@Test
	void aCarWithoutRootsHoldingTwoHistoriesIsRefusedAndNothingIsStored() throws Exception {
		String first = "r-" + UUID.randomUUID();
		String second = "r-" + UUID.randomUUID();
		List<Car.Block> blocks = new ArrayList<>(export(first, 1).blocks());
		blocks.addAll(export(second, 1).blocks());
		byte[] car = withoutRoots(blocks);
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> target.importCar(new ByteArrayInputStream(car)))
			.withMessageContaining("the CAR has no root, and 2 blocks are not the prev of another block");
		assertThat(target.existsById(first)).isFalse();
		assertThat(target.existsById(second)).isFalse();
	}

	private static Car export(String id, int deposits) throws Exception {
		Account account = Account.create();
		var accountSaved = source.save(account, Account.open(id, "ada"));
		for (int i = 1; i <= deposits; i++) {
			accountSaved = source.save(accountSaved, account.deposit(Integer.toString(i)));
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		source.exportCar(id, out);
		return Car.read(new ByteArrayInputStream(out.toByteArray()));
	}

	private static byte[] withoutRoots(List<Car.Block> blocks) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(HEADER_WITHOUT_ROOTS);
		for (Car.Block block : blocks) {
			byte[] cid = block.cid().bytes();
			int length = cid.length + block.size();
			// The section length as an unsigned varint.
			while (length >= 0x80) {
				out.write((length & 0x7F) | 0x80);
				length >>>= 7;
			}
			out.write(length);
			out.writeBytes(cid);
			out.writeBytes(block.data());
		}
		return out.toByteArray();
	}

	private static EventStore store(String prefix) {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName(prefix + "_EVENTS")
			.aggregateStreamName(prefix + "_AGGREGATES")
			.snapshotBucket(prefix + "_snapshots")
			.readModelBucket(prefix + "_readmodels")
			.subjectPrefix(prefix)
			.build();
		new JetStreamProvisioner(connection, config).provision();
		return new EventStore(connection, config);
	}

	private static NatsRepository<Account> repositoryFor(EventStore eventStore) {
		return Repositories.of(eventStore, Account.class, RepositoryObserver.NONE);
	}

}
