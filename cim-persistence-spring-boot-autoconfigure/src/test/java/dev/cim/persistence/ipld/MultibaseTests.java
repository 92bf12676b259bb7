package dev.cim.persistence.ipld;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Multibase} and {@link Base58}, with the RFC 4648 base32 test vectors
 * and well-known base58btc values.
 */
class MultibaseTests {

	@ParameterizedTest
	@CsvSource({ "'', b", "f, bmy", "fo, bmzxq", "foo, bmzxw6", "foob, bmzxw6yq", "fooba, bmzxw6ytb",
			"foobar, bmzxw6ytboi" })
	void base32FollowsTheRfc4648VectorsInLowerCaseWithoutPadding(String text, String encoded) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		assertThat(Multibase.encodeBase32(bytes)).isEqualTo(encoded);
		assertThat(Multibase.decode(encoded)).isEqualTo(bytes);
	}

	@Test
	void base58btcKeepsLeadingZeroBytesAsOnes() {
		assertThat(Base58.encode(new byte[] { 0, 0, 1, 2 })).isEqualTo("115T");
		assertThat(Base58.decode("115T")).containsExactly(0, 0, 1, 2);
		assertThat(Base58.encode("hello world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("StV1DL6CwTryKyV");
		assertThat(Base58.decode("StV1DL6CwTryKyV")).asString(StandardCharsets.US_ASCII).isEqualTo("hello world");
		assertThat(Base58.encode(new byte[0])).isEmpty();
		assertThat(Base58.decode("")).isEmpty();
	}

	@Test
	void base58btcRoundTripsEveryLengthOfRandomishBytes() {
		for (int length = 0; length < 80; length++) {
			byte[] bytes = new byte[length];
			for (int i = 0; i < length; i++) {
				bytes[i] = (byte) ((i * 37 + length) % ((i % 3 == 0) ? 1 : 256));
			}
			String encoded = Multibase.encodeBase58btc(bytes);
			assertThat(encoded).startsWith("z");
			assertThat(Multibase.decode(encoded)).isEqualTo(bytes);
		}
	}

	@Test
	void decodeWhenPrefixIsUnsupportedShouldNameIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode("mAQID"))
			.withMessageContaining("unsupported multibase prefix 'm'");
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode("BMZXW6"))
			.withMessageContaining("unsupported multibase prefix 'B'");
	}

	@Test
	void decodeWhenEmptyShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode(""))
			.withMessageContaining("no base prefix");
	}

	@Test
	void decodeWhenBase32HasInvalidCharacterShouldNameIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode("bmzXw6"))
			.withMessageContaining("invalid base32 character 'X' at index 3");
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode("bmzxw6==="))
			.withMessageContaining("invalid base32");
	}

	@Test
	void decodeWhenBase32HasImpossibleLengthOrTrailingBitsShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode("bm"))
			.withMessageContaining("invalid base32 length 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode("bmz"))
			.withMessageContaining("non-zero trailing bits");
	}

	@Test
	void decodeWhenBase58HasCharacterOutsideTheAlphabetShouldNameIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multibase.decode("z0abc"))
			.withMessageContaining("invalid base58btc character '0'");
		assertThatIllegalArgumentException().isThrownBy(() -> Base58.decode("abcl"))
			.withMessageContaining("invalid base58btc character 'l' at index 3");
	}

}
