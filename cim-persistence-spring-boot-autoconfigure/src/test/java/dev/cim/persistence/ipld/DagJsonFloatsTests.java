package dev.cim.persistence.ipld;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical text of DAG-JSON floats where the rule has a choice to make: two shortest
 * decimals equally near the value (the even one wins, as in ECMAScript's
 * {@code Number.prototype.toString}), two of different distance, and the edges between
 * the plain and the exponential layouts. Expected texts are what {@code node} prints.
 */
class DagJsonFloatsTests {

	@ParameterizedTest
	@CsvSource({
			// 2^39 + 1/32: ...0312 and ...0313 both read back, at the same distance: the
			// even one, below.
			"549755813888.03125, 549755813888.0312",
			// 2^39 + 3/32: ...0937 and ...0938 at the same distance: the even one, above.
			"549755813888.09375, 549755813888.0938",
			// 2^39 + 5/32: ...1562 and ...1563: below again.
			"549755813888.15625, 549755813888.1562",
			// Both one-digit neighbours of the smallest double read back: the nearer,
			// 5e-324.
			"4.9E-324, 5e-324", "1.0E-323, 1e-323",
			// The layouts' edges.
			"1.0E21, 1e+21", "1.0E20, 100000000000000000000.0", "1.0E-6, 0.000001", "1.0E-7, 1e-7",
			"123456.789, 123456.789", "0.5, 0.5", "-0.5, -0.5", "1.5E300, 1.5e+300", "-2.5E-300, -2.5e-300", "0.0, 0.0",
			"-0.0, -0.0" })
	void aFloatIsWrittenAsTheShortestNearestDecimalPreferringTheEvenOneOnATie(double value, String text) {
		assertThat(DagJsonFloats.format(value)).isEqualTo(text);
		byte[] json = text.getBytes(StandardCharsets.US_ASCII);
		assertThat(DagJson.encode(value)).isEqualTo(json);
		assertThat(DagJson.decode(json)).isEqualTo(value);
	}

}
