package dev.cim.persistence.ipld;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DAG-JSON against the published cross-codec fixtures of the IPLD project: the
 * {@code ipld/codec-fixtures} repository, as listed with their bytes and CIDs in
 * {@code specs/codecs/dag-json/fixtures/cross-codec/index.md} of {@code ipld/ipld}. Each
 * block must decode, encode back to exactly the same bytes, and hash to the published
 * CID.
 */
class DagJsonFixturesTests {

	static Stream<Arguments> fixtures() {
		return Stream.of(fixture("array-empty", "[]", "baguqeeraj5j43immfovaya2uxnpzupwl4xwrfk2nryi3vbz4f4irmeqcxfcq"),
				fixture("array-2", "[2]", "baguqeeraaoewnxu7nonjagzawtdmvczkiyaj73v6amn2xscc2q3jbqf4eivq"),
				fixture("array-3,4,5,6", "[3,4,5,6]", "baguqeerazwaj2gukf64chujcb3lhbnndbpx4kssdjcfp4f7pbkkmlrd5ohtq"),
				fixture("array-5-nested", "[\"array\",[\"of\",[5,[\"nested\",[\"arrays\",\"!\"]]]]]",
						"baguqeera7mqnrv3sxsqeaxf23poe2lyztcxjomr7alr2oapf7slfdrr5ai7q"),
				fixture("array-mixed",
						"[6433713753386423,65536,500,2,0,-1,-3,-256,-2784428724,-6433713753386424,{\"/\":{\"bytes\":\"YTE\"}},\"Čaues ßvěte!\"]",
						"baguqeera4iuxsgqusw3ctry362niptivjyio6dxnsn5afctijsahacub2eza"),
				fixture("bytes-a1", "{\"/\":{\"bytes\":\"oQ\"}}",
						"baguqeera2te22lsmu3vdcg54oi6srd7wkuo3h6tmyvswwakaccayyv6m4tza"),
				fixture("bytes-empty", "{\"/\":{\"bytes\":\"\"}}",
						"baguqeerackat3qjvp3wd4jnmm7afadwt2ahpjxqbj7pzxocc4kges5lkkqgq"),
				fixture("cid-QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY",
						"{\"/\":\"QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY\"}",
						"baguqeera6yza2lamkvlohaytwwccgqrswciqhuglte7qta4vfjuwia5xkxvq"),
				fixture("cid-QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL",
						"{\"/\":\"QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL\"}",
						"baguqeerahpjisfiuqb5vifrkdpz4yzvhfsdt2agktamof2lvg55zssdclq7a"),
				fixture("cid-bafkqabiaaebagba", "{\"/\":\"bafkqabiaaebagba\"}",
						"baguqeerarlku7yrcztgkqfowmc5lzvjnavntg2xuwkr6j5lpczxipwxizmma"),
				fixture("cid-z8mWaJ1dZ9fH5EetPuRsj8jj26pXsgpsr", "{\"/\":\"baf4bcfgio3hovkftaer3yx6jsnm6navhg4yimwi\"}",
						"baguqeeralmwcgg3knsdtmks5jrpsnbkpzzhourbfcwgpxkxs37syppsw54tq"),
				fixture("cid-zdj7Wd8AMwqnhJGQCbFxBVodGSBG84TM7Hs1rcJuQMwTyfEDS",
						"{\"/\":\"bafybeidskjjd4zmr7oh6ku6wp72vvbxyibcli2r6if3ocdcy7jjjusvl2u\"}",
						"baguqeera5oa5xf5w42rgmvkavdpbnt6lhkgmpudiqur6ucwyy7jmfe3fykta"),
				fixture("cid-zdpuAtX7ZibcWdSKQwiDCkPjWwRvtcKCPku9H7LhgA4qJW4Wk",
						"{\"/\":\"bafyreidykglsfhoixmivffc5uwhcgshx4j465xwqntbmu43nb2dzqwfvae\"}",
						"baguqeera7kdvvxhvje4nflfnecqaxur2qd6hghlkxfhgaz4bbmig5r4itgwq"),
				fixture("cid-bagyacvradn6dsgl6sw2jwoh7s3d37hq5wsu7g22wtdwnmaaaaaaaaaaaaaaa",
						"{\"/\":\"bagyacvradn6dsgl6sw2jwoh7s3d37hq5wsu7g22wtdwnmaaaaaaaaaaaaaaa\"}",
						"baguqeera5jiw3keif37pw2bta4s5ayrgn73qt3cyn5l7c7h3p6lvaiifhmea"),
				fixture("cid-bahaacvrasyauh7rmlyrmyc7qzvktjv7x6q2h6ttvei6qon43tl3riaaaaaaa",
						"{\"/\":\"bahaacvrasyauh7rmlyrmyc7qzvktjv7x6q2h6ttvei6qon43tl3riaaaaaaa\"}",
						"baguqeeraqvq6hotrzxlpgarx5am6klvbnzglzu37dzcjenms7megi5ydxlca"),
				fixture("cid-arrayof",
						"[{\"/\":\"bafyreidykglsfhoixmivffc5uwhcgshx4j465xwqntbmu43nb2dzqwfvae\"},{\"/\":\"bafybeidskjjd4zmr7oh6ku6wp72vvbxyibcli2r6if3ocdcy7jjjusvl2u\"},{\"/\":\"baf4bcfgio3hovkftaer3yx6jsnm6navhg4yimwi\"},{\"/\":\"QmXg9Pp2ytZ14xgmQjYEiHjVjMFXzCVVEcRTWJBmLgR39V\"},{\"/\":\"QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY\"},{\"/\":\"QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL\"},{\"/\":\"bafkreiebzrnroamgos2adnbpgw5apo3z4iishhbdx77gldnbk57d4zdio4\"},{\"/\":\"bagcqcera73rupyla6bauseyk75rslfys3st25spm75ykhvgusqvv2zfqtucq\"},{\"/\":\"bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke\"},{\"/\":\"bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm\"},{\"/\":\"bafyreiejkvsvdq4smz44yuwhfymcuvqzavveoj2at3utujwqlllspsqr6q\"},{\"/\":\"bahaacvrabdhd3fzrwaambazyivoiustl2bo2c3rgweo2ug4rogcoz2apaqaa\"},{\"/\":\"bahaacvrasyauh7rmlyrmyc7qzvktjv7x6q2h6ttvei6qon43tl3riaaaaaaa\"},{\"/\":\"bagyqcvraypzcitp3hsbtyyxhfyc3p7i3226lullm2rkzqsqqlhnxus7tqnea\"},{\"/\":\"bagyacvradn6dsgl6sw2jwoh7s3d37hq5wsu7g22wtdwnmaaaaaaaaaaaaaaa\"},{\"/\":\"bafkqabiaaebagba\"}]",
						"baguqeeraqcw26pvoc6mesw7zrnz7bpqmfe7m4agdarke2nytwbqn7kuszdcq"),
				fixture("dagpb_1namedlink+data",
						"{\"Data\":{\"/\":{\"bytes\":\"CAE\"}},\"Links\":[{\"Hash\":{\"/\":\"bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am\"},\"Name\":\"hello.txt\",\"Tsize\":6}]}",
						"baguqeera33s42p2sjw7hz6rsawracsab643ixxch3nx7eovttooneklcim5q"),
				fixture("dagpb_4namedlinks+data",
						"{\"Data\":{\"/\":{\"bytes\":\"CAE\"}},\"Links\":[{\"Hash\":{\"/\":\"QmaUAwAQJNtvUdJB42qNbTTgDpzPYD1qdsKNtctM5i7DGB\"},\"Name\":\"audio_only.m4a\",\"Tsize\":23319629},{\"Hash\":{\"/\":\"QmNVrxbB25cKTRuKg2DuhUmBVEK9NmCwWEHtsHPV6YutHw\"},\"Name\":\"chat.txt\",\"Tsize\":996},{\"Hash\":{\"/\":\"QmUcjKzDLXBPmB6BKHeKSh6ZoFZjss4XDhMRdLYRVuvVfu\"},\"Name\":\"playback.m3u\",\"Tsize\":116},{\"Hash\":{\"/\":\"QmQqy2SiEkKgr2cw5UbQ93TtLKEMsD8TdcWggR8q9JabjX\"},\"Name\":\"zoom_0.mp4\",\"Tsize\":306281879}]}",
						"baguqeerapvtwnk5agczlqn7dgiyci5ku54llg32dmn3zvynn3dglte6y3s6q"),
				fixture("dagpb_Links_Hash_some_Tsize_some",
						"{\"Links\":[{\"Hash\":{\"/\":\"bafkqabiaaebagba\"},\"Tsize\":9007199254740991}]}",
						"baguqeera5drb4r7jf33wkkhs4dvxqsyacnxvv7djbzylt4ib2t42qk4qqkxa"),
				fixture("false", "false", "baguqeera7s6pczmqrxiyvhsj677spaibo3ny5h3dwq2see3uczsciure7cva"),
				fixture("true", "true", "baguqeeraww7kig3mmi7xycprx4snzlsy5ovtydg5scwzm26ehjc3isdh4evq"),
				fixture("null", "null", "baguqeeraoqru5gfp45ey7no26hzwvqwxrlgdhfde7fihao4magmjf6mcxefq"),
				fixture("float--0.5", "-0.5", "baguqeeradmd3bt72bm7vs226asfqcfiwrcdmyumd3viymvnvkfpolxo2y3iq"),
				fixture("float--0.9999999999999999", "-0.9999999999999999",
						"baguqeera7g7rcxbk5fadm5g4ecmvllvetuuzrmogxmrmkf32b3wboxlqfpkq"),
				fixture("float--1.1", "-1.1", "baguqeeraop2zowbt65hyvdvn2t4xje3i7b2gkbtydsckfhhjj5ixrtpq5oma"),
				fixture("float--1e-323", "-1e-323", "baguqeeracte7heowtgtjzivjekic4rkwan2kii6fmz3enl5i33oafvnwfwyq"),
				fixture("float--8.940696716308594e-8", "-8.940696716308594e-8",
						"baguqeerabhb35s3mtnhsye24f6322jzfiyogcxg5ouxfulwrkrkkvdpwbdqq"),
				fixture("float-0.5", "0.5", "baguqeera2lf224p7gm66m7ih5rtw4njkw7zyeshlnheuffibk4ramb6fl2ca"),
				fixture("float-0.9999999999999999", "0.9999999999999999",
						"baguqeeraclkrsheftxvmt7xg73fooogsiwf5bbmvd3auq37l3aqmd5qy6fza"),
				fixture("float-1.1", "1.1", "baguqeerawbpcir3cwhshfpujve4abtb64mthiphmwvmyjpysqe5n3og6m3ia"),
				fixture("float-1.1111111111111112", "1.1111111111111112",
						"baguqeeratkqazgwpbo5npzbafr6wmdgowpy4g633gb5gudyuo3y465bzyqtq"),
				fixture("float-1e-323", "1e-323", "baguqeeralkvxfq2l7znrayirso72iwqx4hi6fq5dmzxvswdeto5n2a55ej5q"),
				fixture("float-8.940696716308594e-8", "8.940696716308594e-8",
						"baguqeerahgvoivj35tc6ejtkj5jxnbwfe2nwmdhdtdxqqg2qmurlh3qsco5q"),
				fixture("float-82497.63712086187", "82497.63712086187",
						"baguqeeraf22bm57rmsotbj67zc7x6jx3czxuelemhtjvbpsjmibxjyavbw3q"),
				fixture("float-array_of_specials", "[1,true,false,null,-1]",
						"baguqeeranbypiyrspgq3dw6steqf64bal5xbwfmvjvmzydkumusemokp44bq"),
				fixture("int--1", "-1", "baguqeeradowwxdhzoey7z2vykq7id53vogk7xmotnm3w52muvuopc5uzyrsa"),
				fixture("int--11959030306112471732", "-11959030306112471732",
						"baguqeera7wvij7ilupcksz2iuprb3wbcipr5vqzvvzj26psnj2oky6j7spva"),
				fixture("int--2784428724", "-2784428724",
						"baguqeera3kxfhk4svgchnaltrgtr6zhqheybpxsptkvf43byc5nht5wgxu2q"),
				fixture("int--9007199254740993", "-9007199254740993",
						"baguqeerapv5k6hghxidzpxmfnypub7e7hxia24fus7rs7nsjh6vklb5zaq2q"),
				fixture("int--9223372036854776000", "-9223372036854775808",
						"baguqeeraqu4gi57tv5d6jiftbdxdwotirxyw5czcfaif3v6u3tkcvgahzn4a"),
				fixture("int-0", "0", "baguqeeral7wowzx7zbxtrwkspbwg22lmphbnxqrz3vhjdndhfhltuj73k7uq"),
				fixture("int-11959030306112471731", "11959030306112471731",
						"baguqeerajogb5uql6gilrcfykgsqh6yjdj65vptw7woitskev6dli6bxohga"),
				fixture("int-18446744073709551615", "18446744073709551615",
						"baguqeeraftnsmjs3jxdf4o2e22kpcip5nxuzxhslrlt7bdmex6uvg5rvvzbq"),
				fixture("int-65536", "65536", "baguqeerab4sv5qleqlbuh7ijtouwncddo6f6idobm2tik2y5i4haxsl4y36q"),
				fixture("int-9223372036854775807", "9223372036854775807",
						"baguqeerawnfbymfhcx3l7c3siox2p6vyqphdmevxemlrnpolxxazqlq25uuq"),
				fixture("jws",
						"{\"link\":{\"/\":\"bafyreiejkvsvdq4smz44yuwhfymcuvqzavveoj2at3utujwqlllspsqr6q\"},\"payload\":\"AXESIIlVZVHDkmZ5zFLHLhgqVhkFakcnQJ7pOibQWtcnyhH0\",\"signatures\":[{\"protected\":\"eyJhbGciOiJFZERTQSJ9\",\"signature\":\"-_9J5OZcl5lVuRlgI1NJEzc0FqEb6_2yVskUaQPducRQ4oe-N5ynCl57wDm4SPtm1L1bltrphpQeBOeWjVW1BQ\"}]}",
						"baguqeeravexfd6qijjtnzxfqq6kgknnkncztgmvhjhxm6ih352qskolt2gxa"),
				fixture("map-1_pair", "{\"a\":1}", "baguqeeraafnl2724yv5c3wklowipaswybbbhhec64m7mltv6vzrco2ux7bra"),
				fixture("map-1_pair_rev", "{\"1\":\"a\"}",
						"baguqeeracp3z5isr4gpufnhd7pf7kj3g3ye5zqjoaw2w4vziudcg4jkziikq"),
				fixture("map-empty", "{}", "baguqeeraiqjw7i2vwntyuekgvulpp2det2kpwt6cd7tx5ayqybqpmhfk76fa"),
				fixture("map-keysort",
						"{\"aaaaaa\":6,\"aaaaab\":7,\"aaaaac\":8,\"aaaabb\":9,\"bbbbb\":5,\"cccc\":4,\"ddd\":3,\"ee\":2,\"f\":1}",
						"baguqeeraiqj4qsbirp34qohua5y4veoy7idxot4yh6r2qghoxisadibfwbgq"),
				fixture("map-nested", "{\"object\":{\"with\":{\"4\":\"nested\",\"objects\":{\"!\":\"!\"}}}}",
						"baguqeeraf5gk7lfzh2l2hgbsqiv5z4oj5kxhnv6keki7zvcsont3ejnou4bq"),
				fixture("map-with_complex_entries",
						"{\"eight\":-256,\"eleven\":{\"/\":{\"bytes\":\"YTE\"}},\"five\":0,\"four\":2,\"fourteen\":{\"f\":\"four\",\"o\":1,\"t\":2,\"th\":3},\"nine\":-2784428724,\"one\":6433713753386423,\"seven\":-3,\"six\":-1,\"ten\":-6433713753386424,\"thirteen\":[2,3,4,\"five\"],\"three\":500,\"twelve\":\"Čaues ßvěte!\",\"two\":65536}",
						"baguqeerayn5yb7xbzn7uohi4mji43ukajlmigatpoqskccsb6inxjkay44xq"),
				fixture("string-Hello__world!", "\"Hello world!\"",
						"baguqeeratz333n5xwz564v76cckgvqbhly4fqxdirlhehhmw3axl64ocmsla"),
				fixture("string-empty", "\"\"", "baguqeerackxdfsy6yawqd3ndlanre7a75y5q3rjvolwwxlzds4q2apmc4eta"),
				fixture("string-long-8bit",
						"\"Lorem ipsum dolor sit amet, consectetur adipiscing elit. Donec mi tellus, iaculis nec vestibulum quis, fermentum non felis. Maecenas ut justo posuere.\"",
						"baguqeera2lqzjgcpgqpn7ofg2fnbdovui73p3lqbcrd4kc7uywzxose55yoa"),
				fixture("string-Čaues__ßvěte!", "\"Čaues ßvěte!\"",
						"baguqeeradlrdqvxqd3cbbbtsmn7n4mpadvtqvcvj2ggkcf6mx76jzsrxzboa"),
				fixture("string-水", "\"水\"", "baguqeeramndlngq22zwtjgdxrye2qsdo7k3dltx7clrq566p6jxb5zhgaywq"),
				fixture("string-𐅑", "\"𐅑\"", "baguqeerakloumxm3cyyspmsadsj7edgbvpgttahpjgcfpqxpliq4hryzrxgq"));
	}

	private static Arguments fixture(String name, String json, String cid) {
		return Arguments.of(name, json.getBytes(StandardCharsets.UTF_8), cid);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void fixtureDecodesEncodesBackToTheSameBytesAndHasThePublishedCid(String name, byte[] block, String cid) {
		Object value = DagJson.decode(block);
		assertThat(DagJson.encode(value)).isEqualTo(block);
		assertThat(Cid.of(Cid.DAG_JSON, block)).hasToString(cid);
		assertThat(DagJson.cid(value)).isEqualTo(Cid.parse(cid));
	}

	@Test
	void garbageStringWithEscapesMatchesItsPublishedCid() {
		// Fixture garbage-21: a string with \n, \t, \" and \\ escapes and U+263A
		// unescaped.
		byte[] block = HexFormat.of()
			.parseHex(""
					+ "226155357c376a3e625d7271295533634b354d4b614b236a41796b6d70572d50745c6e436b6b5929282d7947542e2634"
					+ "776d5d3072585b427b342b34315d3774274558573f5b305c74696627542f313a3948546e7952607263503052293b5037"
					+ "212524323d436225765c746e4351432129575e6251546e7463332453403459677e29383275606b485a214d2e62724036"
					+ "5c6e2846255c6e723a5c22625e4f5c22352d58524c5c746a434c393d323473795c6e5c74616e73433f427535402f3661"
					+ "2432265d6366533a6b2d295b4039636a416d2d775c5c5b5b2a784d2f555c6e703f2f3e574c722a25305921452be298ba"
					+ "676a6c2c5b683b6f73762e5d32676e40412f3448595c74797b5e20293b6377534565606c29302a4a5033443246797a36"
					+ "286d487c2826372c385c22602761477136723b7a71686e6878723f4f3857384655712c6665794c205f697c3864263136"
					+ "465b5223474c434f51533e376e24293f6f6d46766d744f2934246b7e4f50665c2237483d6a7250645c74e298ba435566"
					+ "68494267512c45425f385a7075383756476f6e355a606756412f405c5c4a773a494d5231525235783e7c695c74674563"
					+ "23715c22653179735f2d5921395c5c316356e298ba25405c5c353e41282d67793f4d6f78385e66645776355c5c736a3a"
					+ "56277b2757534b3b6d3d632564496161404e6c7d4e6c636a536b7727435a602a2f76507139306452646731325338586f"
					+ "5625422534326731312a433743642b294d592c7b587b36315c6e505e595c6e5c5c586d56634c4d612b272f6845305c5c"
					+ "617c474b596b4c286e477233232e6f372c4a437a65214c54585c6e28644f56625a73256e3b3a36576573764a3a4f3b58"
					+ "4e374e774158406e59266c3754797d5c5c573a3040303851544163782a2a6333455c7458276a486677355c74202c2865"
					+ "66394925493b2959615067772b657b6f754d436f5e305c225536597c382a7a3f7873513d5b515e5d7e3445415d55335b"
					+ "4d3e6f3d544258415d69364064532a332c3a3d525d25515d56477ce298ba3c3033375e2632356e694d50306c487c492f"
					+ "45792b23475c223357523553266b555c5c4f78585a60596b2146236a6f6c257a6c20703f6a2738475f5f4138653d674b"
					+ "6e73565c6e617e6e775b4d58254f582d7472445568383d516047237d7a5c22556a45337e5375596b5653482b6d632b42"
					+ "3a3e5c2259525b264d6c754c4a39626f56366576765b59e298ba406b602c336a3f7066524976724e5279716569694745"
					+ "6c3b43454772646b2b5c223a51634f475c5c2a63254e215c746d245b2d7c46662a7e2f413c60573a243568595d33392f"
					+ "5f702b2d205c2236207c573f546457663d4c3a23643e5f6b482b324063335c6e2732e298ba62326d5b50523b4e3b7e54"
					+ "3d304a4d2b5c743f41565c74746b216e66474732255a3a4552582638594f26676d2b753465532845492e5a285f215c22"
					+ "2f3c796b5c5c6b2c27627c6b5e2d39592635772b6550265c5c4e684261265c225d2466516321647d2c6a513a32784a6d"
					+ "454f6747403e653148375a5a7947575a343658645b7e4e397358286a2a6d533a59503d757b746c516d2c652d266c2733"
					+ "63423c5755794e49272f665b7a607e7d61572523677e516234537d313357696c5e7a78213e3c2f323a6f395d7a36514f"
					+ "67372d504d767a4843727d59533d575234793f344f5c6e487e413726527a346d6a697b7c58385d2955776d437038366e"
					+ "71586b686e32276a7c39346d605b363150603d3e2d654a3d5f2859425a725c5c573e43504978424c78294c5c6e4b3375"
					+ "585c2271334c73455b6b31295c5c665f5771255164644c4260694b4e77315f524d724b3a5c6e316b6b5c6e443a5c6e63"
					+ "2c3a633f566b654f2a377625762f5233786c725723316674502465497744462d3f714632702d5c5c5f572c2023365f41"
					+ "7c684ce298ba6f262429e298ba563778452f40704e6a392335373f3d32686274345335317558293b57285d2051505d33"
					+ "735868605745632a5665592c2c48e298ba556b6b30313f712a63724e4e735e633a783a5d6a6b2b627e6f3e45344f5b25"
					+ "665e2c693c3832756a314626604a415677516d6a7549215c5c7a4c506c2e306d73535028623fe298ba53645c6e2c5e6f"
					+ "3c5b5051215459343e4e6a36337e5f6d205f6d4b776c6a72383a5f5c226c69603574277a5c6e6f6b60502d46764b685f"
					+ "756f275e43343c50795a3b2923675c5c5c224b69757c2f44276d544e7a376d3e3323394974303b4260e298ba376b3341"
					+ "5f603050282b2d5c746c2c3062533b743b5f485c74565b3a56602b557b5c6e5c225c225e6064523a453e56646c532871"
					+ "696d2b2b6c4d45644748333a2c4f736b5b57265244482e27765c5c50563a5a33636e3a31523a433e4a5f405b784d316c"
					+ "5f557d212f4062406650272e71663748642d333de298ba7a5c5c5a2c752358306268543165767627627c3d42796b7466"
					+ "5339765c5c747446426d6362354a256c3b3c24292547205c2246425622");
		Object value = DagJson.decode(block);
		assertThat(value).asString().contains("\n", "\t", "\"", "\\", "\u263a");
		assertThat(DagJson.encode(value)).isEqualTo(block);
		assertThat(DagJson.cid(value)).hasToString("baguqeeraja5vezxmb3ekptrp3glfwtgaqvju4plhsicqitdg6etc4wlw6amq");
	}

	@Test
	void mapKeysortFixtureIsProducedFromAnUnsortedMap() {
		Map<String, Object> map = new HashMap<>();
		String[] keys = { "f", "ee", "ddd", "cccc", "bbbbb", "aaaaaa", "aaaaab", "aaaaac", "aaaabb" };
		long[] values = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		for (int i = 0; i < keys.length; i++) {
			map.put(keys[i], values[i]);
		}
		assertThat(DagJson.cid(map)).hasToString("baguqeeraiqj4qsbirp34qohua5y4veoy7idxot4yh6r2qghoxisadibfwbgq");
	}

	@Test
	void integersBeyondSixtyFourBitsMatchTheirPublishedCids() {
		assertThat(DagJson.cid(new BigInteger("18446744073709551615")))
			.hasToString("baguqeeraftnsmjs3jxdf4o2e22kpcip5nxuzxhslrlt7bdmex6uvg5rvvzbq");
		assertThat(DagJson.cid(new BigInteger("-11959030306112471732")))
			.hasToString("baguqeera7wvij7ilupcksz2iuprb3wbcipr5vqzvvzj26psnj2oky6j7spva");
		assertThat(DagJson.decode("18446744073709551615".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo(new BigInteger("18446744073709551615"));
		assertThat(DagJson.decode("-9223372036854775808".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo(Long.MIN_VALUE);
	}

	@Test
	void floatsMatchTheirPublishedCids() {
		assertThat(DagJson.cid(0.5)).hasToString("baguqeera2lf224p7gm66m7ih5rtw4njkw7zyeshlnheuffibk4ramb6fl2ca");
		assertThat(DagJson.cid(-1e-323)).hasToString("baguqeeracte7heowtgtjzivjekic4rkwan2kii6fmz3enl5i33oafvnwfwyq");
		assertThat(DagJson.cid(8.940696716308594e-8))
			.hasToString("baguqeerahgvoivj35tc6ejtkj5jxnbwfe2nwmdhdtdxqqg2qmurlh3qsco5q");
		assertThat(DagJson.cid(82497.63712086187))
			.hasToString("baguqeeraf22bm57rmsotbj67zc7x6jx3czxuelemhtjvbpsjmibxjyavbw3q");
		assertThat(DagJson.cid(1.1111111111111112))
			.hasToString("baguqeeratkqazgwpbo5npzbafr6wmdgowpy4g633gb5gudyuo3y465bzyqtq");
	}

	@Test
	void bytesOfEveryValueMatchTheirPublishedCid() {
		// Fixture bytes-long-8bit: the bytes 0x00 to 0xfe.
		byte[] bytes = new byte[255];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		assertThat(DagJson.cid(bytes)).hasToString("baguqeerabiuwx2krvxgwuufpkbrus3q7afzmqjofkqbfytqbnsgghzclwvwa");
		assertThat(DagJson.cid(new byte[] { (byte) 0xa1 }))
			.hasToString("baguqeera2te22lsmu3vdcg54oi6srd7wkuo3h6tmyvswwakaccayyv6m4tza");
	}

	@Test
	void nestedLinksAndBytesBuiltInJavaMatchThePublishedDagPbFixture() {
		// Fixture dagpb_1namedlink+data, built from Java values in arbitrary map order.
		Map<String, Object> link = new HashMap<>();
		link.put("Tsize", 6);
		link.put("Name", "hello.txt");
		link.put("Hash", Cid.parse("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"));
		Map<String, Object> node = new HashMap<>();
		node.put("Links", List.of(link));
		node.put("Data", new byte[] { 8, 1 });
		assertThat(DagJson.cid(node)).hasToString("baguqeera33s42p2sjw7hz6rsawracsab643ixxch3nx7eovttooneklcim5q");
	}

	@Test
	void emptyMapHasThePublishedCid() {
		assertThat(DagJson.cid(Map.of())).hasToString("baguqeeraiqjw7i2vwntyuekgvulpp2det2kpwt6cd7tx5ayqybqpmhfk76fa");
		assertThat(DagJson.encode(Map.of())).isEqualTo("{}".getBytes(StandardCharsets.US_ASCII));
	}

}
