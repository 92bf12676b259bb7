package dev.cim.persistence.ipld;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Car}, {@link CarReader} and {@link CarWriter}, against the CARv1
 * specification ({@code ipld/ipld specs/transport/car/carv1}) and its fixture
 * {@code carv1-basic}.
 */
class CarTests {

	/**
	 * The bytes of {@code carv1-basic.car}: two DAG-CBOR roots, then eight blocks
	 * (DAG-CBOR, DAG-PB under CIDv0, and raw), as written by go-car and published in the
	 * test fixtures of {@code ipld/js-car} ({@code goCarBytes}, whose section offsets are
	 * listed there as {@code goCarIndex}).
	 */
	private static final byte[] CARV1_BASIC = HexFormat.of()
		.parseHex(""
				+ "63a265726f6f747382d82a58250001711220f88bc853804cf294fe417e4fa83028689fcdb1b1592c5102e1474dbc200f"
				+ "ab8bd82a5825000171122069ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b6776657273"
				+ "696f6e015b01711220f88bc853804cf294fe417e4fa83028689fcdb1b1592c5102e1474dbc200fab8ba2646c696e6bd8"
				+ "2a582300122002acecc5de2438ea4126a3010ecb1f8a599c8eff22fff1a1dcffe999b27fd3de646e616d6564626c6970"
				+ "8301122002acecc5de2438ea4126a3010ecb1f8a599c8eff22fff1a1dcffe999b27fd3de122e0a2401551220b6fbd675"
				+ "f98e2abd22d4ed29fdc83150fedc48597e92dd1a7a24381d44a274511204626561721804122f0a22122079a982de3c99"
				+ "07953d4d323cee1d0fb1ed8f45f8ef02870c0cb9e09246bd530a12067365636f6e641895012801551220b6fbd675f98e"
				+ "2abd22d4ed29fdc83150fedc48597e92dd1a7a24381d44a27451636363638001122079a982de3c9907953d4d323cee1d"
				+ "0fb1ed8f45f8ef02870c0cb9e09246bd530a122d0a240155122081cc5b17018674b401b42f35ba07bb79e211239c23bf"
				+ "fe658da1577e3e6468771203646f671804122d0a221220e7dc486e97e6ebe5cdabab3e392bdad128b6e09acc94bb4e2a"
				+ "a2af7b986d24d0120566697273741833280155122081cc5b17018674b401b42f35ba07bb79e211239c23bffe658da157"
				+ "7e3e64687762626262511220e7dc486e97e6ebe5cdabab3e392bdad128b6e09acc94bb4e2aa2af7b986d24d0122d0a24"
				+ "0155122061be55a8e2f6b4e172338bddf184d6dbee29c98853e0a0485ecee7f27b9af0b4120363617418042801551220"
				+ "61be55a8e2f6b4e172338bddf184d6dbee29c98853e0a0485ecee7f27b9af0b461616161360171122069ea0740f9807a"
				+ "28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365ba2646c696e6bf6646e616d65656c696d626f");

	private static final List<String> CARV1_BASIC_BLOCKS = List.of(
			"bafyreihyrpefhacm6kkp4ql6j6udakdit7g3dmkzfriqfykhjw6cad5lrm",
			"QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d",
			"bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke",
			"QmWXZxVQ9yZfhQxLD35eDR8LiMRsYtHxYqTFCBbJoiJVys",
			"bafkreiebzrnroamgos2adnbpgw5apo3z4iishhbdx77gldnbk57d4zdio4",
			"QmdwjhxpxzcMsR3qUuj7vUL8pbA7MgR3GAxWi2GLHjsKCT",
			"bafkreidbxzk2ryxwwtqxem4l3xyyjvw35yu4tcct4cqeqxwo47zhxgxqwq",
			"bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm");

	/**
	 * Where the header ends and each section starts, and where the archive ends.
	 */
	private static final Set<Integer> CARV1_BASIC_BOUNDARIES = Set.of(100, 192, 325, 366, 496, 537, 619, 660, 715);

	@Test
	void readsTheCarv1BasicFixtureWithItsRootsBlocksAndSizes() throws IOException {
		Car car = Car.read(new ByteArrayInputStream(CARV1_BASIC));
		assertThat(car.roots()).containsExactly(Cid.parse(CARV1_BASIC_BLOCKS.get(0)),
				Cid.parse(CARV1_BASIC_BLOCKS.get(7)));
		assertThat(car.blocks()).extracting((block) -> block.cid().toString())
			.containsExactlyElementsOf(CARV1_BASIC_BLOCKS);
		assertThat(car.blocks()).extracting(Car.Block::size).containsExactly(55, 97, 4, 94, 4, 47, 4, 18);
		assertThat(car.block(Cid.parse(CARV1_BASIC_BLOCKS.get(6)))).map(Car.Block::data).contains("aaaa".getBytes());
		assertThat(DagCbor.decode(car.blocks().get(7).data())).isEqualTo(nameAndLink("limbo", null));
	}

	@Test
	void writesTheCarv1BasicFixtureByteForByte() throws IOException {
		Car car = Car.read(new ByteArrayInputStream(CARV1_BASIC));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		car.write(out);
		assertThat(out.toByteArray()).isEqualTo(CARV1_BASIC);
	}

	@Test
	void headerIsTheDagCborMapOfRootsAndVersionFramedByItsLength() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CarWriter.create(out, List.of(Cid.parse(CARV1_BASIC_BLOCKS.get(0)), Cid.parse(CARV1_BASIC_BLOCKS.get(7))));
		assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(CARV1_BASIC, 100));
		assertThat(out.toByteArray()[0]).isEqualTo((byte) 99);
	}

	@Test
	void roundTripOfAThousandChainedBlocks() throws IOException {
		List<Car.Block> blocks = new ArrayList<>();
		Cid previous = null;
		for (int version = 1; version <= 1000; version++) {
			Map<String, Object> event = nameAndLink("event-" + version, previous);
			event.put("version", version);
			Car.Block block = Car.Block.of(Cid.DAG_CBOR, DagCbor.encode(event));
			blocks.add(block);
			previous = block.cid();
		}
		Car car = new Car(List.of(previous), blocks);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		car.write(out);
		Car read = Car.read(new ByteArrayInputStream(out.toByteArray()));
		assertThat(read).isEqualTo(car);
		assertThat(read.blocks()).hasSize(1000);
		assertThat(read.roots()).containsExactly(previous);
		CarReader reader = CarReader.open(new ByteArrayInputStream(out.toByteArray()));
		int count = 0;
		for (Optional<Car.Block> block = reader.next(); block.isPresent(); block = reader.next()) {
			assertThat(block.get()).isEqualTo(blocks.get(count++));
		}
		assertThat(reader.blockCount()).isEqualTo(1000).isEqualTo(count);
	}

	@Test
	void readWhenABlockWasAlteredShouldThrowNamingItsCidAndIndex() {
		byte[] altered = CARV1_BASIC.clone();
		// The last byte of block 4, raw "bbbb" (section at 496, data at 533).
		altered[536] = 'x';
		assertThatExceptionOfType(CarBlockMismatchException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(altered)))
			.withMessageContaining("block 4 is stored under CID " + CARV1_BASIC_BLOCKS.get(4))
			.satisfies((ex) -> {
				assertThat(ex.index()).isEqualTo(4);
				assertThat(ex.cid()).isEqualTo(Cid.parse(CARV1_BASIC_BLOCKS.get(4)));
				assertThat(ex.actual()).isEqualTo(Cid.of(Cid.RAW, "bbbx".getBytes()));
				assertThat(ex.offset()).isEqualTo(496);
			});
	}

	@Test
	void readWhenAnyByteOfABlocksDataChangesShouldThrow() {
		for (int position = 137; position < 192; position++) {
			byte[] altered = CARV1_BASIC.clone();
			altered[position] ^= 0x01;
			assertThatExceptionOfType(CarBlockMismatchException.class)
				.isThrownBy(() -> Car.read(new ByteArrayInputStream(altered)))
				.satisfies((ex) -> assertThat(ex.index()).isZero());
		}
	}

	@Test
	void readWhenTheStreamIsTruncatedInsideASectionShouldThrow() throws IOException {
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(new byte[0])))
			.withMessageContaining("empty stream");
		for (int length = 1; length < CARV1_BASIC.length; length++) {
			ByteArrayInputStream in = new ByteArrayInputStream(Arrays.copyOf(CARV1_BASIC, length));
			if (CARV1_BASIC_BOUNDARIES.contains(length)) {
				// A CAR may end after any whole section.
				assertThat(Car.read(in).blocks()).hasSizeLessThan(8);
			}
			else {
				assertThatExceptionOfType(CarFormatException.class).as("truncated to %d bytes", length)
					.isThrownBy(() -> Car.read(in))
					.withMessageMatching(".*(truncated|stream ends inside).*");
			}
		}
	}

	@Test
	void anArchiveWithAnEmptyListOfRootsIsReadAndEveryBlockVerified() throws IOException {
		Car.Block first = Car.Block.of(Cid.RAW, "aaaa".getBytes());
		Car.Block second = Car.Block.of(Cid.DAG_CBOR, DagCbor.encode(Map.of("link", first.cid())));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		// {"roots": [], "version": 1}, the smallest CARv1 header, as @ipld/car writes it
		out.writeBytes(HexFormat.of().parseHex("11a265726f6f7473806776657273696f6e01"));
		for (Car.Block block : List.of(first, second)) {
			out.writeBytes(Varint.encode(block.cid().bytes().length + block.size()));
			out.writeBytes(block.cid().bytes());
			out.writeBytes(block.data());
		}
		Car car = Car.read(new ByteArrayInputStream(out.toByteArray()));
		assertThat(car.roots()).isEmpty();
		assertThat(car.blocks()).containsExactly(first, second);
		byte[] tampered = out.toByteArray();
		tampered[tampered.length - 1] ^= 1;
		assertThatExceptionOfType(CarBlockMismatchException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(tampered)));
	}

	@Test
	void theIpldCodecFixturesCarWithoutRootsIsReadAndEveryBlockVerified() throws IOException {
		// fixtures.car of github.com/ipld/codec-fixtures (commit bf8ab059, MIT or
		// Apache-2.0): every fixture block, under roots: [].
		byte[] bytes;
		try (java.io.InputStream in = CarTests.class.getResourceAsStream("/ipld/codec-fixtures.car")) {
			bytes = in.readAllBytes();
		}
		CarReader reader = CarReader.open(new ByteArrayInputStream(bytes));
		assertThat(reader.roots()).isEmpty();
		Set<Long> codecs = new java.util.TreeSet<>();
		int blocks = 0;
		for (Optional<Car.Block> block = reader.next(); block.isPresent(); block = reader.next()) {
			codecs.add(block.get().cid().codec());
			Optional<IpldCodec> codec = IpldCodec.forCode(block.get().cid().codec());
			if (codec.isPresent()) {
				byte[] data = block.get().data();
				assertThat(codec.get().encode(codec.get().decode(data))).isEqualTo(data);
			}
			blocks++;
		}
		assertThat(blocks).isEqualTo(reader.blockCount()).isGreaterThan(100);
		assertThat(codecs).containsExactly(Cid.DAG_PB, Cid.DAG_CBOR, Cid.DAG_JSON);
	}

	@Test
	void readWhenHeaderIsNotVersion1WithRootsShouldThrow() {
		Cid root = Cid.parse(CARV1_BASIC_BLOCKS.get(0));
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(archive(Map.of("version", 2L, "roots", List.of(root)))))
			.withMessageContaining("version 2: only CARv1 (version 1) is supported, CARv2 is not");
		assertThatExceptionOfType(CarFormatException.class).isThrownBy(() -> Car.read(archive(Map.of("version", 1L))))
			.withMessageContaining("header has no list of roots");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(archive(Map.of("version", 1L, "roots", root))))
			.withMessageContaining("header has no list of roots");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(archive(Map.of("version", 1L, "roots", List.of("bafy")))))
			.withMessageContaining("header root 0 is not a link");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(archive(Map.of("roots", List.of(root)))))
			.withMessageContaining("header has no version");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(archive(Map.of("version", 1L, "roots", List.of(root), "x", 1L))))
			.withMessageContaining("unknown field \"x\"");
		assertThatExceptionOfType(CarFormatException.class).isThrownBy(() -> Car.read(archive(List.of(root))))
			.withMessageContaining("header is not a map");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(HexFormat.of().parseHex("02a0ff"))))
			.withMessageContaining("header is not canonical DAG-CBOR")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(2));
	}

	@Test
	void readWhenASectionIsMalformedShouldThrow() {
		byte[] header = Arrays.copyOf(CARV1_BASIC, 100);
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(concat(header, new byte[] { 0 }))))
			.withMessageContaining("block 0 is empty");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(concat(header, HexFormat.of().parseHex("ffffffff7f")))))
			.withMessageContaining("more than the limit");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(concat(header, HexFormat.of().parseHex("8000")))))
			.withMessageContaining("not a minimal varint");
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(concat(header, HexFormat.of().parseHex("03020304")))))
			.withMessageContaining("block 0 has an invalid CID");
	}

	@Test
	void readWhenABlockUsesAHashThatCannotBeRecomputedShouldThrow() {
		Cid blake2b = Cid.v1(Cid.RAW, Multihash.of(0xb220, new byte[32]));
		Car.Block block = new Car.Block(blake2b, new byte[] { 1 });
		byte[] cid = blake2b.bytes();
		byte[] section = concat(Varint.encode(cid.length + 1L), cid, block.data());
		assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> Car.read(new ByteArrayInputStream(concat(Arrays.copyOf(CARV1_BASIC, 100), section))))
			.withMessageContaining("cannot be verified")
			.withMessageContaining("0xb220");
	}

	@Test
	void identityHashedBlocksAreVerifiedToo() throws IOException {
		byte[] data = { 0, 1, 2, 3, 4 };
		Car car = new Car(List.of(Cid.parse("bafkqabiaaebagba")),
				List.of(new Car.Block(Cid.parse("bafkqabiaaebagba"), data)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		car.write(out);
		assertThat(Car.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(car);
	}

	@Test
	void writeWhenABlockDoesNotHashToItsCidShouldThrow() throws IOException {
		CarWriter writer = CarWriter.create(new ByteArrayOutputStream(), List.of(Cid.parse(CARV1_BASIC_BLOCKS.get(2))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> writer.write(Cid.parse(CARV1_BASIC_BLOCKS.get(2)), "dddd".getBytes()))
			.withMessageContaining("block 0 is given CID " + CARV1_BASIC_BLOCKS.get(2));
		assertThatIllegalArgumentException().isThrownBy(() -> CarWriter.create(new ByteArrayOutputStream(), List.of()))
			.withMessageContaining("at least one root");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Car(List.of(), List.of()).write(new ByteArrayOutputStream()))
			.withMessageContaining("at least one root");
	}

	@Test
	void blockCopiesItsBytesAndComparesThemByContent() {
		byte[] data = "aaaa".getBytes();
		Car.Block block = Car.Block.of(Cid.RAW, data);
		data[0] = 'z';
		assertThat(block.data()).isEqualTo("aaaa".getBytes());
		assertThat(block).isEqualTo(Car.Block.of(Cid.RAW, "aaaa".getBytes()))
			.hasSameHashCodeAs(Car.Block.of(Cid.RAW, "aaaa".getBytes()));
		assertThat(block.cid()).hasToString(CARV1_BASIC_BLOCKS.get(6));
		assertThat(block).hasToString("Block[cid=" + CARV1_BASIC_BLOCKS.get(6) + ", size=4]");
	}

	private static Map<String, Object> nameAndLink(String name, Cid link) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", name);
		map.put("link", link);
		return map;
	}

	private static ByteArrayInputStream archive(Object header) {
		byte[] bytes = DagCbor.encode(header);
		return new ByteArrayInputStream(concat(Varint.encode(bytes.length), bytes));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
