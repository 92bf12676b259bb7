package dev.cim.persistence.ipld;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cim.persistence.testsupport.Fuzzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated inputs for the decoders of this package: each either decodes, and
 * then is canonical, or is refused with the decoder's own exception, never with an
 * {@link OutOfMemoryError}, a {@link StackOverflowError}, an index, arithmetic, number
 * format or null pointer exception. The corpus is every block of the IPLD codec fixtures
 * ({@code /ipld/codec-fixtures.car}) and a few CARs made of them.
 *
 * @see Fuzzer for the number of cases and a longer run
 */
class DecoderFuzzTests {

	private static final int CASES = 3000;

	private static final List<byte[]> DAG_JSON = new ArrayList<>();

	private static final List<byte[]> DAG_CBOR = new ArrayList<>();

	private static final List<byte[]> CIDS = new ArrayList<>();

	private static final List<byte[]> CARS = new ArrayList<>();

	@BeforeAll
	static void loadTheCorpus() throws IOException {
		List<Car.Block> blocks = new ArrayList<>();
		try (InputStream in = DecoderFuzzTests.class.getResourceAsStream("/ipld/codec-fixtures.car")) {
			blocks.addAll(Car.read(in).blocks());
		}
		for (Car.Block block : blocks) {
			CIDS.add(block.cid().bytes());
			if (block.cid().codec() == Cid.DAG_JSON) {
				DAG_JSON.add(block.data());
			}
			else if (block.cid().codec() == Cid.DAG_CBOR) {
				DAG_CBOR.add(block.data());
			}
		}
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("bytes", new byte[] { 1, 2, 3 });
		nested.put("link", blocks.get(0).cid());
		nested.put("list", List.of(List.of(List.of(-1L, 1.5, "x")), Map.of()));
		DAG_JSON.add(DagJson.encode(nested));
		DAG_CBOR.add(DagCbor.encode(nested));
		DAG_CBOR.add(DecoderLimitsTests.nestedArraysDeclaringTheRemainingBytes(8, 64));
		CIDS.add(Cid.parse("QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d").bytes());
		CIDS.add(Cid.parse("bafkqabiaaebagba").bytes());
		for (int i = 0; i + 3 <= 30; i += 3) {
			List<Car.Block> some = blocks.subList(i * 7, i * 7 + 3);
			List<Cid> roots = (i % 2 == 0) ? List.of() : List.of(some.get(0).cid());
			CARS.add(car(roots, some));
		}
	}

	@Test
	void dagJsonDecodesCanonicalBlocksAndRefusesEverythingElseWithAnIpldCodecException() {
		Fuzzer.of("DAG-JSON", DAG_JSON)
			.withAlphabet("{}[]\":,/-+.0123456789eEtrufalsn\\ bytes\u00e9")
			.run(Fuzzer.cases(CASES), (input) -> {
				Object value = DagJson.decode(input);
				assertThat(DagJson.encode(value)).isEqualTo(input);
			}, Set.of(IpldCodecException.class));
	}

	@Test
	void dagCborDecodesCanonicalBlocksAndRefusesEverythingElseWithAnIpldCodecException() {
		Fuzzer.of("DAG-CBOR", DAG_CBOR).run(Fuzzer.cases(CASES), (input) -> {
			Object value = DagCbor.decode(input);
			assertThat(DagCbor.encode(value)).isEqualTo(input);
		}, Set.of(IpldCodecException.class));
	}

	@Test
	void binaryCidsDecodeOrAreRefusedWithAnIllegalArgumentException() {
		Fuzzer.of("CID bytes", CIDS).run(Fuzzer.cases(CASES), (input) -> {
			Cid cid = Cid.decode(input);
			assertThat(cid.bytes()).isEqualTo(input);
			assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
		}, Set.of(IllegalArgumentException.class));
	}

	@Test
	void cidStringsParseOrAreRefusedWithAnIllegalArgumentException() {
		List<byte[]> strings = new ArrayList<>();
		for (byte[] bytes : CIDS) {
			Cid cid = Cid.decode(bytes);
			strings.add(cid.toString().getBytes(StandardCharsets.US_ASCII));
			if (cid.version() == 1) {
				strings.add(("z" + Base58.encode(bytes)).getBytes(StandardCharsets.US_ASCII));
			}
		}
		Fuzzer.of("CID strings", strings)
			.withAlphabet("bzQm0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ=")
			.run(Fuzzer.cases(CASES), (input) -> {
				Cid cid = Cid.parse(new String(input, StandardCharsets.ISO_8859_1));
				assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
			}, Set.of(IllegalArgumentException.class));
	}

	@Test
	void carsAreReadOrRefusedWithACarException() {
		Fuzzer.of("CAR", CARS).run(Fuzzer.cases(CASES), (input) -> {
			Car car = Car.read(new ByteArrayInputStream(input));
			for (Car.Block block : car.blocks()) {
				assertThat(CarReader.rehash(block.cid(), block.data())).isEqualTo(block.cid());
			}
		}, Set.of(CarFormatException.class, CarBlockMismatchException.class));
	}

	private static byte[] car(List<Cid> roots, List<Car.Block> blocks) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] header = DagCbor.encode(Map.of("roots", roots, "version", 1L));
		out.writeBytes(Varint.encode(header.length));
		out.writeBytes(header);
		for (Car.Block block : blocks) {
			byte[] cid = block.cid().bytes();
			out.writeBytes(Varint.encode(cid.length + block.size()));
			out.writeBytes(cid);
			out.writeBytes(block.data());
		}
		byte[] bytes = out.toByteArray();
		try {
			assertThat(Car.read(new ByteArrayInputStream(bytes)).blocks()).hasSize(blocks.size());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Arrays.copyOf(bytes, bytes.length);
	}

}
