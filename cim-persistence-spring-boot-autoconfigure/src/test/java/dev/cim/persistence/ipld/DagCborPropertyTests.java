package dev.cim.persistence.ipld;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link DagCbor} over nested values generated from a fixed seed, so that a
 * failure is reproducible.
 */
class DagCborPropertyTests {

	private static final int VALUES = 300;

	private static final long SEED = 0xCB0L;

	@Test
	void decodeOfEncodeGivesBackTheValue() {
		Random random = new Random(SEED);
		for (int i = 0; i < VALUES; i++) {
			Object value = value(random, 0);
			byte[] block = DagCbor.encode(value);
			Object decoded = DagCbor.decode(block);
			assertThat(sameValue(decoded, value)).as("value #%d: %s", i, HexFormat.of().formatHex(block)).isTrue();
			assertThat(DagCbor.encode(decoded)).isEqualTo(block);
		}
	}

	@Test
	void dagJsonAndDagCborCarryTheSameValue() {
		Random random = new Random(SEED + 1);
		for (int i = 0; i < VALUES; i++) {
			Object value = value(random, 0);
			byte[] cbor = DagCbor.encode(value);
			byte[] json = DagJson.encode(value);
			assertThat(DagCbor.encode(DagJson.decode(json))).as("value #%d", i).isEqualTo(cbor);
			assertThat(DagJson.encode(DagCbor.decode(cbor))).as("value #%d", i).isEqualTo(json);
			assertThat(IpldCodec.DAG_CBOR.cid(DagJson.decode(json))).isEqualTo(DagCbor.cid(value));
		}
	}

	@Test
	void changingAnySingleByteOfABlockChangesItsCid() {
		Random random = new Random(SEED + 2);
		for (int i = 0; i < VALUES / 3; i++) {
			byte[] block = DagCbor.encode(value(random, 0));
			Cid cid = Cid.of(Cid.DAG_CBOR, block);
			for (int position = 0; position < block.length; position++) {
				byte[] changed = block.clone();
				changed[position] ^= (byte) (1 + random.nextInt(255));
				assertThat(Cid.of(Cid.DAG_CBOR, changed)).isNotEqualTo(cid);
			}
		}
	}

	@Test
	void anyBlockTheDecoderAcceptsIsTheCanonicalEncodingOfItsValue() {
		Random random = new Random(SEED + 3);
		int accepted = 0;
		int rejected = 0;
		for (int i = 0; i < VALUES; i++) {
			byte[] block = DagCbor.encode(value(random, 0));
			for (int n = 0; n < 40; n++) {
				byte[] changed = block.clone();
				changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
				Object decoded;
				try {
					decoded = DagCbor.decode(changed);
				}
				catch (IpldCodecException ex) {
					rejected++;
					continue;
				}
				accepted++;
				assertThat(DagCbor.encode(decoded))
					.as("re-encoding of accepted block %s", HexFormat.of().formatHex(changed))
					.isEqualTo(changed);
			}
		}
		assertThat(accepted).as("some mutated blocks are still valid DAG-CBOR").isPositive();
		assertThat(rejected).as("some mutated blocks are not canonical").isPositive();
	}

	static Object value(Random random, int depth) {
		int kinds = (depth < 4) ? 11 : 9;
		return switch (random.nextInt(kinds)) {
			case 0 -> Arrays.asList((Object) null);
			case 1 -> random.nextBoolean();
			case 2 -> integer(random);
			case 3 -> bigInteger(random);
			case 4 -> floatingPoint(random);
			case 5, 6 -> string(random);
			case 7 -> bytes(random, random.nextInt(40));
			case 8 -> Cid.of((random.nextBoolean() ? Cid.DAG_CBOR : Cid.RAW), bytes(random, 8));
			case 9 -> list(random, depth);
			default -> map(random, depth);
		};
	}

	private static long integer(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> random.nextInt(60) - 30;
			case 1 -> (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE)
					- random.nextInt(3) * Long.signum(random.nextLong());
			case 2 -> (random.nextBoolean() ? 1L : -1L) << random.nextInt(63);
			default -> random.nextLong() >> random.nextInt(64);
		};
	}

	private static BigInteger bigInteger(Random random) {
		// Beyond a long and within the 64-bit range of CBOR: 2^63 .. 2^64-1, or
		// -2^64 .. -2^63-1.
		BigInteger magnitude = BigInteger.ONE.shiftLeft(63).add(new BigInteger(63, random));
		return random.nextBoolean() ? magnitude : magnitude.negate().subtract(BigInteger.ONE);
	}

	private static double floatingPoint(Random random) {
		while (true) {
			double value = switch (random.nextInt(4)) {
				case 0 -> Double.longBitsToDouble(random.nextLong());
				case 1 -> random.nextInt(1000) / 8.0 - 60;
				case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(60) - 30);
				default -> Math.round(random.nextGaussian() * 1e6) / 100.0;
			};
			if (Double.isFinite(value)) {
				return value;
			}
		}
	}

	private static String string(Random random) {
		int length = random.nextInt(12);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int codePoint = switch (random.nextInt(5)) {
				case 0 -> random.nextInt(0x80);
				case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
				case 2 -> {
					int c = 0x800 + random.nextInt(0x10000 - 0x800);
					yield Character.isSurrogate((char) c) ? 0xFFFD : c;
				}
				case 3 -> 0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0x10000 + 1);
				default -> 'a' + random.nextInt(3);
			};
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

	private static byte[] bytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static List<Object> list(Random random, int depth) {
		int size = random.nextInt(5);
		List<Object> list = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			list.add((random.nextInt(10) == 0) ? null : value(random, depth + 1));
		}
		return list;
	}

	private static Map<String, Object> map(Random random, int depth) {
		int size = random.nextInt(6);
		Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < size; i++) {
			String key = string(random);
			// "/" opens the reserved forms of DAG-JSON, which the cross-codec test uses.
			if (!key.equals("/")) {
				map.put(key, (random.nextInt(10) == 0) ? null : value(random, depth + 1));
			}
		}
		return map;
	}

	static boolean sameValue(Object actual, Object expected) {
		if (expected instanceof byte[] bytes) {
			return actual instanceof byte[] other && Arrays.equals(bytes, other);
		}
		if (expected instanceof List<?> list) {
			if (!(actual instanceof List<?> other) || other.size() != list.size()) {
				return false;
			}
			for (int i = 0; i < list.size(); i++) {
				if (!sameValue(other.get(i), list.get(i))) {
					return false;
				}
			}
			return true;
		}
		if (expected instanceof Map<?, ?> map) {
			if (!(actual instanceof Map<?, ?> other) || other.size() != map.size()) {
				return false;
			}
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!other.containsKey(entry.getKey()) || !sameValue(other.get(entry.getKey()), entry.getValue())) {
					return false;
				}
			}
			return true;
		}
		return (expected == null) ? actual == null : expected.equals(actual);
	}

}
