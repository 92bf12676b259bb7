package dev.cim.persistence.ipld;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Multihash}.
 */
class MultihashTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void sha256OfEmptyInputHasTheKnownDigestAndBinaryForm() {
		Multihash multihash = Multihash.sha256(new byte[0]);
		assertThat(multihash.code()).isEqualTo(Multihash.SHA2_256).isEqualTo(0x12);
		assertThat(HEX.formatHex(multihash.bytes()))
			.isEqualTo("1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(multihash.size()).isEqualTo(34);
	}

	@Test
	void decodeReadsAnyCodeAndLength() {
		// Identity hash (code 0) of five bytes, from the CID bafkqabiaaebagba.
		Multihash identity = Multihash.decode(HEX.parseHex("00050001020304"));
		assertThat(identity.code()).isZero();
		assertThat(identity.digest()).containsExactly(0, 1, 2, 3, 4);
		// A two-byte code: blake2b-256 is 0xb220.
		byte[] digest = new byte[32];
		Multihash blake = Multihash.of(0xb220, digest);
		assertThat(HEX.formatHex(blake.bytes())).startsWith("a0e40220");
		assertThat(Multihash.decode(blake.bytes())).isEqualTo(blake);
	}

	@Test
	void equalsAndHashCodeCompareCodeAndDigest() {
		byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
		assertThat(Multihash.sha256(data)).isEqualTo(Multihash.sha256(data))
			.hasSameHashCodeAs(Multihash.sha256(data))
			.isNotEqualTo(Multihash.sha256(new byte[] { 1 }))
			.isNotEqualTo(Multihash.of(0x13, Multihash.sha256(data).digest()));
	}

	@Test
	void digestIsACopy() {
		Multihash multihash = Multihash.sha256(new byte[0]);
		multihash.digest()[0] = 0;
		assertThat(multihash.digest()[0]).isEqualTo((byte) 0xe3);
	}

	@Test
	void decodeWhenDigestIsShorterThanDeclaredShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multihash.decode(HEX.parseHex("12200102")))
			.withMessageContaining("declared as 32 bytes but only 2 bytes are left");
	}

	@Test
	void decodeWhenBytesFollowTheDigestShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multihash.decode(HEX.parseHex("0001ffee")))
			.withMessageContaining("1 bytes follow");
	}

	@Test
	void sha256WithWrongDigestLengthShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Multihash.decode(HEX.parseHex("120100")))
			.withMessageContaining("32 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> Multihash.of(Multihash.SHA2_256, new byte[3]))
			.withMessageContaining("32 bytes");
	}

}
