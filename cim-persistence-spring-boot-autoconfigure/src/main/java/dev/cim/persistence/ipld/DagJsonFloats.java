package dev.cim.persistence.ipld;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The canonical text of a DAG-JSON float: the shortest decimal that reads back as the
 * same double, laid out as ECMAScript's {@code Number.prototype.toString} does (the
 * layout the reference encoders and the published fixtures use, for example {@code 0.5},
 * {@code 82497.63712086187}, {@code 8.940696716308594e-8}, {@code 1e+21}), with
 * {@code .0} appended when that text would otherwise read as an integer.
 */
final class DagJsonFloats {

	private static final int MAX_SIGNIFICANT_DIGITS = 17;

	private DagJsonFloats() {
	}

	/**
	 * Format a finite double.
	 * @param value the value, neither NaN nor infinite
	 * @return the canonical text
	 */
	static String format(double value) {
		if (value == 0) {
			// Keep the sign of zero, so that the value reads back unchanged.
			return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
		}
		BigDecimal shortest = shortest(Math.abs(value));
		String digits = shortest.unscaledValue().toString();
		int k = digits.length();
		// value = 0.digits x 10^n
		int n = k - shortest.scale();
		StringBuilder text = new StringBuilder(k + 8);
		if (value < 0) {
			text.append('-');
		}
		if (k <= n && n <= 21) {
			text.append(digits).append("0".repeat(n - k)).append(".0");
		}
		else if (0 < n && n <= 21) {
			text.append(digits, 0, n).append('.').append(digits, n, k);
		}
		else if (-6 < n && n <= 0) {
			text.append("0.").append("0".repeat(-n)).append(digits);
		}
		else {
			int exponent = n - 1;
			text.append(digits.charAt(0));
			if (k > 1) {
				text.append('.').append(digits, 1, k);
			}
			text.append('e').append((exponent < 0) ? '-' : '+').append(Math.abs(exponent));
		}
		return text.toString();
	}

	/**
	 * Find the decimal with the fewest significant digits that reads back as the value,
	 * and of those the closest to the value's exact binary value. Any such decimal with p
	 * digits is either the p-digit decimal just below or just above the exact value.
	 */
	private static BigDecimal shortest(double positive) {
		BigDecimal exact = new BigDecimal(positive);
		for (int precision = 1; precision <= MAX_SIGNIFICANT_DIGITS; precision++) {
			BigDecimal below = exact.round(new MathContext(precision, RoundingMode.FLOOR));
			BigDecimal above = exact.round(new MathContext(precision, RoundingMode.CEILING));
			boolean belowReadsBack = below.doubleValue() == positive;
			boolean aboveReadsBack = above.doubleValue() == positive;
			if (belowReadsBack && aboveReadsBack) {
				int order = exact.subtract(below).compareTo(above.subtract(exact));
				if (order == 0) {
					order = below.unscaledValue().testBit(0) ? 1 : -1;
				}
				return ((order <= 0) ? below : above).stripTrailingZeros();
			}
			if (belowReadsBack) {
				return below.stripTrailingZeros();
			}
			if (aboveReadsBack) {
				return above.stripTrailingZeros();
			}
		}
		// 17 significant digits always identify a double.
		throw new IllegalStateException("no decimal of at most 17 digits reads back as " + positive);
	}

}
