package dev.cim.persistence.ipld;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Varint}, with the examples of the multiformats unsigned-varint
 * specification.
 */
class VarintTests {

	@ParameterizedTest
	@CsvSource({ "0, 00", "1, 01", "127, 7f", "128, 8001", "255, ff01", "300, ac02", "16384, 808001", "297, a902",
			"9223372036854775807, ffffffffffffffff7f" })
	void encodeAndDecodeFollowTheSpecificationExamples(long value, String hex) {
		byte[] bytes = HexFormat.of().parseHex(hex);
		assertThat(Varint.encode(value)).isEqualTo(bytes);
		assertThat(Varint.sizeOf(value)).isEqualTo(bytes.length);
		assertThat(Varint.decode(bytes)).isEqualTo(value);
	}

	@Test
	void decodeAtOffsetReadsOnlyTheVarint() {
		byte[] bytes = HexFormat.of().parseHex("ff8001ff");
		assertThat(Varint.decode(bytes, 1)).isEqualTo(128);
	}

	@ParameterizedTest
	@ValueSource(strings = { "8000", "ff00", "808000", "80808000" })
	void decodeWhenNotMinimallyEncodedShouldThrow(String hex) {
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.decode(HexFormat.of().parseHex(hex)))
			.withMessageContaining("not minimally encoded");
	}

	@Test
	void decodeWhenLongerThanNineBytesShouldThrowBecauseTheValueExceedsSixtyThreeBits() {
		byte[] tenBytes = HexFormat.of().parseHex("80808080808080808001");
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.decode(tenBytes)).withMessageContaining("2^63-1");
	}

	@Test
	void decodeWhenNinthByteContinuesShouldThrow() {
		byte[] bytes = HexFormat.of().parseHex("ffffffffffffffffff01");
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.decode(bytes)).withMessageContaining("2^63-1");
	}

	@Test
	void decodeWhenTruncatedShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.decode(new byte[] { (byte) 0x80 }))
			.withMessageContaining("truncated");
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.decode(new byte[0]))
			.withMessageContaining("truncated");
	}

	@Test
	void decodeWhenBytesFollowTheVarintShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.decode(new byte[] { 1, 2 }))
			.withMessageContaining("1 bytes follow");
	}

	@Test
	void encodeWhenNegativeShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Varint.encode(-1)).withMessageContaining("negative");
	}

}
