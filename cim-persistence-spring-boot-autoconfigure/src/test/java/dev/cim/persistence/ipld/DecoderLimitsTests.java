package dev.cim.persistence.ipld;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Crafted inputs that once cost the decoders memory or time out of proportion to their
 * size, and the limits both codecs share: 512 levels of lists and maps, integers from
 * {@code -2^64} to {@code 2^64-1}.
 */
class DecoderLimitsTests {

	private static final int MEGABYTE = 1 << 20;

	/**
	 * What decoding one megabyte may allocate: a few times the input, far below what
	 * sizing each of 512 nested lists by the remaining input would take (2 GiB).
	 */
	private static final long ALLOCATION_LIMIT = 64L * MEGABYTE;

	@Test
	void nestedArraysThatEachDeclareTheRemainingBytesAreRefusedWithoutAllocatingByTheirDeclarations() {
		byte[] crafted = nestedArraysDeclaringTheRemainingBytes(512, MEGABYTE);
		long allocated = allocatedBy(
				() -> assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.decode(crafted))
					.withMessageContaining("unexpected end of input"));
		assertThat(allocated).isLessThan(ALLOCATION_LIMIT);
	}

	@Test
	void aCarHeaderOfNestedArraysThatDeclareTheRemainingBytesIsRefusedWithoutAllocatingByTheirDeclarations() {
		byte[] header = nestedArraysDeclaringTheRemainingBytes(512, MEGABYTE);
		ByteArrayOutputStream car = new ByteArrayOutputStream();
		car.writeBytes(Varint.encode(header.length));
		car.writeBytes(header);
		long allocated = allocatedBy(() -> assertThatExceptionOfType(CarFormatException.class)
			.isThrownBy(() -> CarReader.open(new ByteArrayInputStream(car.toByteArray())))
			.withMessageContaining("header is not canonical DAG-CBOR"));
		assertThat(allocated).isLessThan(ALLOCATION_LIMIT);
	}

	@Test
	void bothCodecsReadAndWrite512LevelsOfListsAndMapsAndRefuse513() {
		for (Function<Object, Object> wrap : List.<Function<Object, Object>>of(List::of, (v) -> Map.of("k", v))) {
			Object deepest = nest(wrap, "leaf", 512);
			Object tooDeep = nest(wrap, "leaf", 513);
			for (IpldCodec codec : IpldCodec.values()) {
				assertThat(codec.decode(codec.encode(deepest))).as(codec.name()).isEqualTo(deepest);
				assertThatExceptionOfType(IpldCodecException.class).as(codec.name())
					.isThrownBy(() -> codec.encode(tooDeep))
					.withMessageContaining("nested deeper than 512 levels");
			}
		}
		byte[] cbor513 = new byte[514];
		java.util.Arrays.fill(cbor513, (byte) 0x81);
		cbor513[513] = 0x00;
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.decode(cbor513))
			.withMessageContaining("nested deeper than 512 levels")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(512));
		byte[] json513 = ("[".repeat(513) + "1" + "]".repeat(513)).getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(json513))
			.withMessageContaining("nested deeper than 512 levels")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(512));
		byte[] jsonMap513 = ("{\"k\":".repeat(513) + "1" + "}".repeat(513)).getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(jsonMap513))
			.withMessageContaining("nested deeper than 512 levels");
		byte[] jsonEmptyMap513 = ("[".repeat(512) + "{}" + "]".repeat(512)).getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(jsonEmptyMap513))
			.withMessageContaining("nested deeper than 512 levels");
	}

	@Test
	void bytesAndLinksInside512LevelsAreNotALevelOfTheirOwnInDagJson() {
		Cid link = Cid.parse("bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe");
		for (Object leaf : List.of(new byte[] { 1, 2, 3 }, link)) {
			Object value = nest(List::of, List.of(leaf), 511);
			byte[] json = DagJson.encode(value);
			assertThat(DagJson.encode(DagJson.decode(json))).isEqualTo(json);
			byte[] cbor = DagCbor.encode(value);
			assertThat(DagCbor.encode(DagCbor.decode(cbor))).isEqualTo(cbor);
		}
	}

	@Test
	void dagJsonIntegersAreBoundToTheRangeOfDagCbor() {
		BigInteger largest = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
		BigInteger smallest = BigInteger.ONE.shiftLeft(64).negate();
		for (BigInteger inRange : List.of(largest, smallest)) {
			assertThat(DagJson.decode(ascii(inRange.toString()))).isEqualTo(inRange);
			assertThat(DagCbor.decode(DagCbor.encode(inRange))).isEqualTo(inRange);
		}
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(ascii(largest.add(BigInteger.ONE).toString())))
			.withMessageContaining("above 2^64-1");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(ascii("[" + smallest.subtract(BigInteger.ONE) + "]")))
			.withMessageContaining("below -2^64")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(1));
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.encode(largest.add(BigInteger.ONE)))
			.withMessageContaining("above 2^64-1");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(ascii("1" + "0".repeat(40))))
			.withMessageContaining("integer of 41 digits is out of range");
	}

	@Test
	void aMegabyteOfDigitsIsRefusedBeforeItIsParsed() {
		byte[] integer = ascii("9".repeat(MEGABYTE));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(integer))
			.withMessageContaining("integer of " + MEGABYTE + " digits is out of range");
		byte[] negative = ascii("-" + "9".repeat(MEGABYTE));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(negative))
			.withMessageContaining("integer of " + MEGABYTE + " digits is out of range");
		byte[] fraction = ascii("0." + "1".repeat(MEGABYTE));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(fraction))
			.withMessageContaining("float of " + (MEGABYTE + 2) + " characters is not in canonical form");
		byte[] exponent = ascii("1e-" + "1".repeat(MEGABYTE));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(exponent))
			.withMessageContaining("is not in canonical form");
	}

	@Test
	void aLongLinkStringIsRefusedBeforeItIsDecoded() {
		// Decoding base58btc is quadratic: 100 000 digits would take seconds.
		String base58 = "z" + "2".repeat(100_000);
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(ascii("{\"/\":\"" + base58 + "\"}")))
			.withMessageContaining("invalid link: not a CID string: 100001 characters, more than the 1024");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Cid.parse("b" + "a".repeat(1024)))
			.withMessageContaining("more than the 1024 a CID string may have");
	}

	/**
	 * DAG-CBOR of {@code levels} nested arrays, each declaring as many items as there are
	 * bytes after its head, then zeros up to {@code size} bytes.
	 */
	static byte[] nestedArraysDeclaringTheRemainingBytes(int levels, int size) {
		byte[] bytes = new byte[size];
		for (int level = 0; level < levels; level++) {
			int head = level * 5;
			int remaining = size - head - 5;
			bytes[head] = (byte) 0x9a;
			bytes[head + 1] = (byte) (remaining >>> 24);
			bytes[head + 2] = (byte) (remaining >>> 16);
			bytes[head + 3] = (byte) (remaining >>> 8);
			bytes[head + 4] = (byte) remaining;
		}
		return bytes;
	}

	private static Object nest(Function<Object, Object> wrap, Object leaf, int levels) {
		Object value = leaf;
		for (int i = 0; i < levels; i++) {
			value = wrap.apply(value);
		}
		return value;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Return the bytes the current thread allocates while running an action, a measure of
	 * work that does not depend on the machine's speed.
	 */
	private static long allocatedBy(Runnable action) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		action.run();
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

}
