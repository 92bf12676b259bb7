package dev.cim.persistence.repository.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import dev.cim.persistence.ipld.Car;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.ChainImportException;

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

	private static NatsRepository<Account> source;

	private static NatsRepository<Account> target;

	@BeforeAll
	static void provision(ProvisionedStore sourceStore, ProvisionedStore targetStore) {
		source = sourceStore.repository(Account.class);
		target = targetStore.repository(Account.class);
	}

	@Test
	void aCarWithoutRootsAndItsBlocksNewestFirstImportsWithItsHeadFoundFromTheLinks() throws Exception {
		String id = Accounts.newId();
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
		String first = Accounts.newId();
		String second = Accounts.newId();
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
		Accounts.openWithDeposits(source, id, deposits);
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

}
