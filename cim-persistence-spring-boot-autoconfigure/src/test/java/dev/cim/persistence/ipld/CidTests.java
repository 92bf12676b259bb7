package dev.cim.persistence.ipld;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Cid}. The CIDs are published ones: the IPLD codec fixtures
 * ({@code ipld/codec-fixtures}, {@code specs/codecs/*}/fixtures of {@code ipld/ipld}) and
 * the well-known CIDs of the IPFS documentation.
 */
class CidTests {

	private static final HexFormat HEX = HexFormat.of();

	@ParameterizedTest
	@CsvSource({ "f6, bafyreifqwkmiw256ojf2zws6tzjeonw6bpd5vza4i22ccpcq4hjv2ts7cm",
			"a0, bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua",
			"f5, bafyreibhvppn37ufanewvxvwendgzksh3jpwhk6sxrx2dh3m7s3t5t7noa",
			"80, bafyreidwx2fvfdiaox32v2mnn6sxu3j4qoxeqcuenhtgrv5qv6litfnmoe" })
	void ofDagCborBlockMatchesTheDagCborFixtures(String blockHex, String cid) {
		// DAG-CBOR fixtures null, map-empty, true and array-empty: single-byte blocks.
		Cid computed = Cid.of(Cid.DAG_CBOR, HEX.parseHex(blockHex));
		assertThat(computed).hasToString(cid);
		assertThat(computed.toString()).startsWith("bafy");
	}

	@Test
	void ofDagJsonBlockStartsWithBaguqee() {
		Cid cid = Cid.of(Cid.DAG_JSON, "{}".getBytes(StandardCharsets.US_ASCII));
		assertThat(cid).hasToString("baguqeeraiqjw7i2vwntyuekgvulpp2det2kpwt6cd7tx5ayqybqpmhfk76fa");
		assertThat(cid.version()).isEqualTo(1);
		assertThat(cid.codec()).isEqualTo(0x0129);
		assertThat(cid.multihash()).isEqualTo(Multihash.sha256("{}".getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void emptyDagPbNodeHasTheWellKnownCidsInBothVersions() {
		// dagpb_empty: the DAG-PB encoding of {"Links":[]} is zero bytes.
		Cid v1 = Cid.of(Cid.DAG_PB, new byte[0]);
		assertThat(v1).hasToString("bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
		Cid v0 = Cid.v0(v1.multihash());
		assertThat(v0).hasToString("QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n");
		assertThat(v0.version()).isZero();
		assertThat(v0.codec()).isEqualTo(Cid.DAG_PB);
		assertThat(v0.bytes()).isEqualTo(v1.multihash().bytes());
		assertThat(v0).isNotEqualTo(v1);
	}

	@Test
	void cidV0AndItsV1FormShareTheMultihash() {
		Cid v0 = Cid.parse("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR");
		assertThat(Cid.v1(Cid.DAG_PB, v0.multihash()))
			.hasToString("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi");
	}

	@ParameterizedTest
	@CsvSource({
			"zdj7Wd8AMwqnhJGQCbFxBVodGSBG84TM7Hs1rcJuQMwTyfEDS, bafybeidskjjd4zmr7oh6ku6wp72vvbxyibcli2r6if3ocdcy7jjjusvl2u",
			"zdpuAtX7ZibcWdSKQwiDCkPjWwRvtcKCPku9H7LhgA4qJW4Wk, bafyreidykglsfhoixmivffc5uwhcgshx4j465xwqntbmu43nb2dzqwfvae",
			"z8mWaJ1dZ9fH5EetPuRsj8jj26pXsgpsr, baf4bcfgio3hovkftaer3yx6jsnm6navhg4yimwi" })
	void parseBase58btcV1GivesTheSameCidAsItsBase32Form(String base58, String base32) {
		// Pairs from the cid-mapof fixture, which keys base32 links by their base58btc
		// form.
		Cid cid = Cid.parse(base58);
		assertThat(cid).isEqualTo(Cid.parse(base32)).hasSameHashCodeAs(Cid.parse(base32)).hasToString(base32);
		assertThat(Multibase.encodeBase58btc(cid.bytes())).isEqualTo(base58);
	}

	@ParameterizedTest
	@ValueSource(strings = { "QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY",
			"QmXg9Pp2ytZ14xgmQjYEiHjVjMFXzCVVEcRTWJBmLgR39V", "bafkqabiaaebagba",
			"bafyreiejkvsvdq4smz44yuwhfymcuvqzavveoj2at3utujwqlllspsqr6q",
			"bagcqcera73rupyla6bauseyk75rslfys3st25spm75ykhvgusqvv2zfqtucq",
			"bagyacvradn6dsgl6sw2jwoh7s3d37hq5wsu7g22wtdwnmaaaaaaaaaaaaaaa",
			"bahaacvrabdhd3fzrwaambazyivoiustl2bo2c3rgweo2ug4rogcoz2apaqaa" })
	void parseAndFormatRoundTripPublishedCids(String text) {
		Cid cid = Cid.parse(text);
		assertThat(cid).hasToString(text);
		assertThat(Cid.decode(cid.bytes())).isEqualTo(cid);
	}

	@Test
	void decodeReadsMultiByteCodecsAndOtherHashFunctions() {
		Cid identity = Cid.parse("bafkqabiaaebagba");
		assertThat(identity.codec()).isEqualTo(Cid.RAW);
		assertThat(identity.multihash().code()).isZero();
		assertThat(identity.multihash().digest()).containsExactly(0, 1, 2, 3, 4);
		Cid gitSha1 = Cid.parse("baf4bcfgio3hovkftaer3yx6jsnm6navhg4yimwi");
		assertThat(gitSha1.codec()).isEqualTo(0x78);
		assertThat(gitSha1.multihash().code()).isEqualTo(0x11);
		assertThat(gitSha1.multihash().digest()).hasSize(20);
		Cid twoByteCodec = Cid.parse("bagyacvradn6dsgl6sw2jwoh7s3d37hq5wsu7g22wtdwnmaaaaaaaaaaaaaaa");
		assertThat(twoByteCodec.codec()).isEqualTo(0xb0);
		assertThat(twoByteCodec.multihash().code()).isEqualTo(0x56);
	}

	@Test
	void bytesOfV1AreVersionCodecAndMultihash() {
		Cid cid = Cid.of(Cid.DAG_JSON, new byte[0]);
		assertThat(HEX.formatHex(cid.bytes()))
			.isEqualTo("01a902" + "1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void parseWhenCidV0CarriesAMultibasePrefixShouldThrow() {
		Cid v0 = Cid.parse("QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n");
		assertThatIllegalArgumentException().isThrownBy(() -> Cid.parse(Multibase.encodeBase58btc(v0.bytes())))
			.withMessageContaining("CIDv0 is written in bare base58btc");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "hello", "Qm0g1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY", "bafyrei",
			"BAFYREIEJKVSVDQ4SMZ44YUWHFYMCUVQZAVVEOJ2AT3UTUJWQLLLSPSQR6Q" })
	void parseWhenNotACidShouldThrow(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Cid.parse(text));
	}

	@Test
	void decodeWhenVersionIsUnsupportedShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cid.decode(HEX.parseHex("0271122000")))
			.withMessageContaining("unsupported CID version 2");
	}

	@Test
	void decodeWhenBytesFollowTheMultihashShouldThrow() {
		byte[] bytes = HEX.parseHex("015500010000");
		assertThatIllegalArgumentException().isThrownBy(() -> Cid.decode(bytes))
			.withMessageContaining("1 bytes follow the multihash");
	}

	@Test
	void decodeWhenMultihashIsTruncatedShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cid.decode(HEX.parseHex("0171122001")))
			.withMessageContaining("declared as 32 bytes");
	}

	@Test
	void v0WhenMultihashIsNotSha256ShouldThrow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cid.v0(Multihash.of(0, new byte[] { 1 })))
			.withMessageContaining("sha2-256");
	}

	@Test
	void bytesAreACopy() {
		Cid cid = Cid.of(Cid.RAW, new byte[] { 1 });
		cid.bytes()[0] = 7;
		assertThat(cid.bytes()[0]).isEqualTo((byte) 1);
	}

}
