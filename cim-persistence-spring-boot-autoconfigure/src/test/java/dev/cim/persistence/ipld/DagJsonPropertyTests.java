package dev.cim.persistence.ipld;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link DagJson} over nested values generated from a fixed seed, so that a
 * failure is reproducible.
 */
class DagJsonPropertyTests {

	private static final int VALUES = 300;

	private static final long SEED = 0x1D1DL;

	@Test
	void decodeOfEncodeGivesBackTheValue() {
		Random random = new Random(SEED);
		for (int i = 0; i < VALUES; i++) {
			Object value = value(random, 0);
			byte[] block = DagJson.encode(value);
			Object decoded = DagJson.decode(block);
			assertThat(sameValue(decoded, value))
				.as("value #%d: %s", i, new String(block, java.nio.charset.StandardCharsets.UTF_8))
				.isTrue();
			assertThat(DagJson.encode(decoded)).isEqualTo(block);
		}
	}

	@Test
	void changingAnySingleByteOfABlockChangesItsCid() {
		Random random = new Random(SEED + 1);
		for (int i = 0; i < VALUES / 3; i++) {
			byte[] block = DagJson.encode(value(random, 0));
			Cid cid = Cid.of(Cid.DAG_JSON, block);
			for (int position = 0; position < block.length; position++) {
				byte[] changed = block.clone();
				changed[position] ^= (byte) (1 + random.nextInt(255));
				assertThat(Cid.of(Cid.DAG_JSON, changed)).isNotEqualTo(cid);
			}
		}
	}

	@Test
	void anyBlockTheDecoderAcceptsIsTheCanonicalEncodingOfItsValue() {
		Random random = new Random(SEED + 2);
		int accepted = 0;
		for (int i = 0; i < VALUES; i++) {
			byte[] block = DagJson.encode(value(random, 0));
			for (int n = 0; n < 40; n++) {
				byte[] changed = block.clone();
				changed[random.nextInt(changed.length)] = mutation(random);
				Object decoded;
				try {
					decoded = DagJson.decode(changed);
				}
				catch (IpldCodecException ex) {
					continue;
				}
				accepted++;
				assertThat(DagJson.encode(decoded))
					.as("re-encoding of accepted block %s",
							new String(changed, java.nio.charset.StandardCharsets.UTF_8))
					.isEqualTo(changed);
			}
		}
		assertThat(accepted).as("some mutated blocks are still valid DAG-JSON").isPositive();
	}

	private static byte mutation(Random random) {
		String interesting = "{}[]\",:0123456789-.eE+ \\/abtnufrl";
		return (random.nextInt(4) == 0) ? (byte) random.nextInt(256)
				: (byte) interesting.charAt(random.nextInt(interesting.length()));
	}

	private static Object value(Random random, int depth) {
		int kinds = (depth < 4) ? 11 : 9;
		return switch (random.nextInt(kinds)) {
			case 0 -> nullValue();
			case 1 -> random.nextBoolean();
			case 2 -> integer(random);
			// Beyond a long, within -2^64 .. 2^64-1.
			case 3 -> BigInteger.ONE.shiftLeft(63)
				.add(new BigInteger(63, random))
				.multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
			case 4 -> floatingPoint(random);
			case 5, 6 -> string(random);
			case 7 -> bytes(random, random.nextInt(40));
			case 8 -> Cid.of((random.nextBoolean() ? Cid.DAG_JSON : Cid.RAW), bytes(random, 8));
			case 9 -> list(random, depth);
			default -> map(random, depth);
		};
	}

	private static Object nullValue() {
		// Lists and maps hold the nulls; a null at the top level is covered by
		// DagJsonTests.
		return Arrays.asList((Object) null);
	}

	private static long integer(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> random.nextInt(200) - 100;
			case 1 -> (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE)
					- random.nextInt(3) * Long.signum(random.nextLong());
			default -> random.nextLong() >> random.nextInt(64);
		};
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
			int codePoint = switch (random.nextInt(6)) {
				case 0 -> random.nextInt(0x20);
				case 1 -> "\"\\/ ".charAt(random.nextInt(4));
				case 2 -> 0x80 + random.nextInt(0x800 - 0x80);
				case 3 -> {
					int c = 0x800 + random.nextInt(0x10000 - 0x800);
					yield Character.isSurrogate((char) c) ? 0x2028 : c;
				}
				case 4 -> 0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0x10000 + 1);
				default -> 'a' + random.nextInt(26);
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
			if (!key.equals("/")) {
				map.put(key, (random.nextInt(10) == 0) ? null : value(random, depth + 1));
			}
		}
		return map;
	}

	private static boolean sameValue(Object actual, Object expected) {
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
