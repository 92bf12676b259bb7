package dev.cim.persistence.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Feeds a decoder random inputs and inputs mutated from a corpus of valid ones, and fails
 * on any exception other than the decoder's own.
 *
 * <p>
 * Each case is generated from its own {@link Random}, seeded from the run's seed and the
 * case number, so a failure names everything needed to replay it. The build runs a fixed
 * number of cases from a fixed seed; a longer run takes
 * {@code -D}{@value #CASES_PROPERTY}{@code =1000000} (and another seed
 * {@code -D}{@value #SEED_PROPERTY}{@code =...}). Inputs are at most {@value #MAX_INPUT}
 * bytes, which bounds the work of each case; the time each case takes is measured and
 * reported, never asserted.
 */
public final class Fuzzer {

	/**
	 * The system property that sets how many cases each fuzz test runs.
	 */
	public static final String CASES_PROPERTY = "cim.fuzz.cases";

	/**
	 * The system property that sets the seed of the run.
	 */
	public static final String SEED_PROPERTY = "cim.fuzz.seed";

	/**
	 * The largest input generated.
	 */
	public static final int MAX_INPUT = 16 * 1024;

	private static final long DEFAULT_SEED = 0x5EED_F022L;

	private static final byte[] INTERESTING = { 0x00, 0x01, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x20, 0x22, 0x2c, 0x2d,
			0x2e, 0x2f, 0x30, 0x3a, 0x40, 0x58, 0x5b, 0x5c, 0x5d, 0x60, 0x78, 0x7b, 0x7d, 0x7f, (byte) 0x80,
			(byte) 0x81, (byte) 0x9a, (byte) 0x9b, (byte) 0x9f, (byte) 0xa1, (byte) 0xbb, (byte) 0xbf, (byte) 0xc0,
			(byte) 0xd8, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7, (byte) 0xfb, (byte) 0xff };

	private final String name;

	private final List<byte[]> corpus;

	private final byte @Nullable [] alphabet;

	private Fuzzer(String name, List<byte[]> corpus, byte @Nullable [] alphabet) {
		this.name = name;
		this.corpus = List.copyOf(corpus);
		this.alphabet = alphabet;
	}

	/**
	 * A fuzzer that mutates a corpus and also generates random bytes.
	 * @param name what is fuzzed, for the report
	 * @param corpus valid inputs to mutate, at least one
	 * @return the fuzzer
	 */
	public static Fuzzer of(String name, List<byte[]> corpus) {
		return new Fuzzer(name, corpus, null);
	}

	/**
	 * A fuzzer that also generates inputs of the characters of a text format.
	 * @param alphabet the characters inputs are made of
	 * @return a new fuzzer
	 */
	public Fuzzer withAlphabet(String alphabet) {
		return new Fuzzer(this.name, this.corpus, alphabet.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The number of cases to run: the {@value #CASES_PROPERTY} system property, or the
	 * number the build runs.
	 * @param inBuild the number of cases the build runs
	 * @return the number of cases
	 */
	public static int cases(int inBuild) {
		String cases = System.getProperty(CASES_PROPERTY);
		return (cases != null && !cases.isBlank()) ? Integer.parseInt(cases.trim()) : inBuild;
	}

	/**
	 * Run a decoder on generated inputs.
	 * @param cases the number of cases
	 * @param decoder the decoder
	 * @param allowed the exception classes the decoder may throw (exactly these classes,
	 * not their subclasses)
	 * @return what the run saw
	 * @throws AssertionError when the decoder throws anything else; the message names the
	 * case, the seed and the input
	 */
	public Report run(int cases, Decoder decoder, Set<Class<? extends Throwable>> allowed) {
		long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED) ^ this.name.hashCode();
		int accepted = 0;
		long slowest = 0;
		long started = System.nanoTime();
		for (int i = 0; i < cases; i++) {
			byte[] input = generate(new Random(seed * 1_000_003L + i));
			long start = System.nanoTime();
			try {
				decoder.decode(input);
				accepted++;
			}
			catch (Throwable ex) {
				if (!allowed.contains(ex.getClass())) {
					throw new AssertionError(this.name + " case " + i + " of seed " + seed + " (" + input.length
							+ " bytes: " + hex(input) + ") threw " + ex, ex);
				}
			}
			slowest = Math.max(slowest, System.nanoTime() - start);
		}
		Report report = new Report(this.name, cases, accepted, (System.nanoTime() - started) / 1_000_000,
				slowest / 1_000);
		System.out.println(report);
		return report;
	}

	private byte[] generate(Random random) {
		int kind = random.nextInt(20);
		if (kind == 0) {
			byte[] bytes = new byte[random.nextInt(257)];
			random.nextBytes(bytes);
			return bytes;
		}
		if (kind <= 2 && this.alphabet != null) {
			byte[] bytes = new byte[random.nextInt(513)];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = this.alphabet[random.nextInt(this.alphabet.length)];
			}
			return bytes;
		}
		byte[] input = pick(random);
		int mutations = 1 + random.nextInt(4);
		for (int i = 0; i < mutations; i++) {
			input = mutate(random, input);
		}
		return (input.length > MAX_INPUT) ? Arrays.copyOf(input, MAX_INPUT) : input;
	}

	private byte[] pick(Random random) {
		return this.corpus.get(random.nextInt(this.corpus.size())).clone();
	}

	private byte[] mutate(Random random, byte[] input) {
		if (input.length == 0) {
			return pick(random);
		}
		int at = random.nextInt(input.length);
		switch (random.nextInt(10)) {
			case 0 -> input[at] ^= (byte) (1 << random.nextInt(8));
			case 1 -> input[at] = (byte) random.nextInt(256);
			case 2 -> input[at] = INTERESTING[random.nextInt(INTERESTING.length)];
			case 3 -> {
				byte[] inserted = new byte[1 + random.nextInt(8)];
				random.nextBytes(inserted);
				return splice(input, at, at, inserted);
			}
			case 4 -> {
				return splice(input, at, Math.min(input.length, at + 1 + random.nextInt(16)), new byte[0]);
			}
			case 5 -> {
				return Arrays.copyOf(input, at);
			}
			case 6 -> {
				// A chunk repeated, which builds deep nesting or long runs.
				int length = 1 + random.nextInt(Math.min(4, input.length - at));
				byte[] chunk = Arrays.copyOfRange(input, at, at + length);
				int times = 1 + random.nextInt((random.nextInt(4) == 0) ? 1024 : 16);
				byte[] repeated = new byte[Math.min(MAX_INPUT, chunk.length * times)];
				for (int i = 0; i < repeated.length; i++) {
					repeated[i] = chunk[i % chunk.length];
				}
				return splice(input, at, at, repeated);
			}
			case 7 -> {
				// The start of this input and the end of another.
				byte[] other = pick(random);
				int from = (other.length > 0) ? random.nextInt(other.length) : 0;
				return splice(Arrays.copyOf(input, at), at, at, Arrays.copyOfRange(other, from, other.length));
			}
			case 8 -> {
				// An extreme length or value where a head or varint may be.
				byte[] extreme = { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0x00, 0x00, 0x00 };
				int length = Math.min(input.length - at, 1 + random.nextInt(8));
				System.arraycopy(extreme, random.nextInt(4), input, at, Math.min(length, 4));
			}
			default -> {
				int other = random.nextInt(input.length);
				byte swap = input[at];
				input[at] = input[other];
				input[other] = swap;
			}
		}
		return input;
	}

	/**
	 * Replace the bytes from {@code from} to {@code to} with others, keeping at most
	 * {@link #MAX_INPUT} bytes.
	 */
	private static byte[] splice(byte[] input, int from, int to, byte[] replacement) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(input, 0, from);
		out.writeBytes(replacement);
		out.write(input, to, input.length - to);
		byte[] result = out.toByteArray();
		return (result.length > MAX_INPUT) ? Arrays.copyOf(result, MAX_INPUT) : result;
	}

	private static String hex(byte[] input) {
		String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 2048));
		return (input.length > 2048) ? hex + "…" : hex;
	}

	/**
	 * A decoder under test.
	 */
	@FunctionalInterface
	public interface Decoder {

		/**
		 * Decode an input, and check what was decoded.
		 * @param input the input
		 * @throws Exception when the input is refused, or anything else goes wrong
		 */
		void decode(byte[] input) throws Exception;

	}

	/**
	 * What a run saw.
	 *
	 * @param name what was fuzzed
	 * @param cases the number of cases run
	 * @param accepted how many inputs the decoder accepted
	 * @param totalMillis the time the run took
	 * @param slowestMicros the time the slowest case took
	 */
	public record Report(String name, int cases, int accepted, long totalMillis, long slowestMicros) {

		@Override
		public String toString() {
			return "fuzz " + this.name + ": " + this.cases + " cases, " + this.accepted + " accepted, "
					+ this.totalMillis + " ms, slowest case " + this.slowestMicros + " µs";
		}

	}

}
