package dev.cim.persistence.event;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The decimals the store accepts: at most {@value #MAX_PRECISION} significant digits and
 * a scale from {@code -}{@value #MAX_SCALE} to {@value #MAX_SCALE}, so at most a couple
 * of thousand characters written out.
 *
 * <p>
 * A {@link BigDecimal} is cheap to hold whatever its exponent, but writing
 * {@code 1e-10000000} out in full, rounding it or comparing it with an ordinary amount
 * takes time and memory in proportion to the exponent: ten million digits from eleven
 * characters of input. The store checks every decimal it reads or writes against these
 * limits before anything is done with it. Every finite double, seen as a decimal, is
 * within them.
 */
public final class DecimalLimits {

	/**
	 * The largest scale, and the largest exponent, a decimal may have.
	 */
	public static final int MAX_SCALE = 1000;

	/**
	 * The most significant digits a decimal may have.
	 */
	public static final int MAX_PRECISION = 1000;

	private DecimalLimits() {
	}

	/**
	 * Tell what is wrong with a decimal, if anything.
	 * @param value the decimal
	 * @return why it is out of range, or {@code null} when it is within the limits
	 */
	public static @Nullable String problem(BigDecimal value) {
		if (value.scale() > MAX_SCALE || value.scale() < -MAX_SCALE) {
			return "a decimal of scale " + value.scale() + ", out of range: the store accepts scales from -" + MAX_SCALE
					+ " to " + MAX_SCALE;
		}
		// A digit takes less than 4 bits, so the bit length refuses a huge value before
		// precision() has to count its digits.
		if (value.unscaledValue().bitLength() > 4 * MAX_PRECISION || value.precision() > MAX_PRECISION) {
			return "a decimal of more than " + MAX_PRECISION + " significant digits, out of range";
		}
		return null;
	}

	/**
	 * Check a decimal against the limits.
	 * @param value the decimal
	 * @param what what the decimal is, for the message (for example {@code data.price})
	 * @return the decimal
	 * @throws IllegalArgumentException when it is out of range; the message names it
	 */
	public static BigDecimal check(BigDecimal value, String what) {
		String problem = problem(value);
		if (problem != null) {
			throw new IllegalArgumentException(what + " is " + problem);
		}
		return value;
	}

}
