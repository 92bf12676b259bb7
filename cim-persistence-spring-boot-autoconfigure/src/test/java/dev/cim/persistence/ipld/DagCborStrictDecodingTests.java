package dev.cim.persistence.ipld;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DagCbor#decode(byte[])} accepts only canonical DAG-CBOR: each rule of the
 * specification's "Strictness" section, and malformed CBOR, is rejected with what was
 * wrong and the byte offset where it was found.
 */
class DagCborStrictDecodingTests {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			# non-minimal integers and lengths (spec: 'as short as possible')
			1817                   | 0 | 23 is written in 1 bytes but fits in fewer
			190017                 | 0 | non-canonical head of a unsigned integer
			1a000000ff             | 0 | 255 is written in 4 bytes
			1b00000000ffffffff     | 0 | 4294967295 is written in 8 bytes
			3817                   | 0 | non-canonical head of a negative integer
			820158010a             | 2 | non-canonical head of a byte string
			780161                 | 0 | non-canonical head of a text string
			98010a                 | 0 | non-canonical head of a array
			b8016161f6             | 0 | non-canonical head of a map
			d9002a4100             | 0 | non-canonical head of a tag
			# map keys: strings only, sorted length-first, not repeated
			a2616202616101         | 4 | map key "a" is out of order
			a2626161016162f6       | 5 | map key "b" is out of order
			a3636261720363666f6f0163666f6f02 | 11 | repeated map key "foo"
			a10102                 | 1 | map key is a unsigned integer
			a1410102               | 1 | map key is a byte string
			# tags other than 42
			c11a514b67b0           | 0 | tag 1 is not supported
			c24101                 | 0 | tag 2 is not supported
			d8204100               | 0 | tag 32 is not supported
			d82a6161               | 2 | tag 42 holds a text string
			d82a4101               | 2 | identity multibase prefix 0x00
			d82a40                 | 2 | identity multibase prefix 0x00
			d82a4300ffff           | 2 | invalid link
			# indefinite lengths and break
			9fff                   | 0 | indefinite-length array
			bfff                   | 0 | indefinite-length map
			5fff                   | 0 | indefinite-length byte string
			7fff                   | 0 | indefinite-length text string
			ff                     | 0 | unexpected break
			1c                     | 0 | reserved additional information 28
			# simple values and floats
			f7                     | 0 | undefined is not in the IPLD data model
			f0                     | 0 | simple value 16 is not supported
			f818                   | 0 | simple value in one extra byte
			f93c00                 | 0 | float written in 16 bits
			fa3f800000             | 0 | float written in 32 bits
			f97e00                 | 0 | float written in 16 bits
			fb7ff8000000000000     | 0 | float NaN
			fb7ff0000000000000     | 0 | float Infinity
			fbfff0000000000000     | 0 | float -Infinity
			8201fb7ff8000000000001 | 2 | float NaN
			# one top-level value, nothing after it
			0000                   | 1 | 1 trailing bytes after the value
			f6f6f6                 | 1 | 2 trailing bytes
			a0ff                   | 1 | 1 trailing bytes
			# invalid UTF-8
			62c328                 | 2 | invalid UTF-8 continuation byte 0x28
			62c080                 | 1 | invalid UTF-8 byte 0xc0
			63e08080               | 1 | overlong
			63eda080               | 1 | surrogate
			61ff                   | 1 | invalid UTF-8 byte 0xff
			62e282                 | 1 | truncated UTF-8 sequence
			a162c3286101           | 3 | invalid UTF-8 continuation byte 0x28
			# truncated input
			''                     | 0 | empty input
			6261                   | 0 | text string declares 2 items or bytes but only 1 bytes are left
			1901                   | 0 | unexpected end of input in the head of an item
			81                     | 0 | array declares 1 items or bytes but only 0 bytes are left
			828101                 | 3 | unexpected end of input, expected a value
			fb3ff0                 | 0 | unexpected end of input in the head of an item
			a16161                 | 3 | unexpected end of input, expected a value
			a2616101               | 4 | unexpected end of input, expected a map key
			d82a                   | 2 | expected the byte string of a link
			9b7fffffffffffffff     | 0 | array declares 9223372036854775807
			5affffffff             | 0 | byte string declares 4294967295
			""")
	void decodeWhenInputIsNotCanonicalShouldThrowWithTheOffset(String hex, int offset, String message) {
		byte[] bytes = HexFormat.of().parseHex(hex);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.decode(bytes))
			.withMessageContaining(message)
			.withMessageEndingWith("at byte offset " + offset)
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(offset));
	}

	@Test
	void decodeWhenInputIsNestedTooDeeplyShouldThrow() {
		byte[] bytes = new byte[601];
		Arrays.fill(bytes, (byte) 0x81);
		bytes[600] = 0x00;
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.decode(bytes))
			.withMessageContaining("nested deeper than 512 levels");
	}

}
