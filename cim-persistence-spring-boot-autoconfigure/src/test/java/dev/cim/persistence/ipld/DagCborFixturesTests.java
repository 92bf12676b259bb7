package dev.cim.persistence.ipld;

import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DAG-CBOR against the published cross-codec fixtures of the IPLD project: the
 * {@code ipld/codec-fixtures} repository, as listed with their bytes and the CIDs of both
 * codecs in {@code specs/codecs/dag-cbor/fixtures/cross-codec/index.md} of
 * {@code ipld/ipld}. Each block must decode, encode back to exactly the same bytes and
 * hash to the published DAG-CBOR CID; its value encoded as DAG-JSON must hash to the
 * published DAG-JSON CID, and read back from DAG-JSON must encode to the same DAG-CBOR.
 */
class DagCborFixturesTests {

	static Stream<Arguments> fixtures() {
		return Stream.of(
				fixture("array-2", "8102", "bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe",
						"baguqeeraaoewnxu7nonjagzawtdmvczkiyaj73v6amn2xscc2q3jbqf4eivq"),
				fixture("array-255", "8118ff", "bafyreick3uapgoe63rizj6rptbqwl7pagin26fos32n37fu7uktzcadcdu",
						"baguqeeraqu2ktsh23n37sd632fp4cmexypune5zki6s23wfygkoemrumjmra"),
				fixture("array-3,4,5,6", "8403040506", "bafyreid7y3kwce6omkwi4ziyisf5v2niknzjwab2ofigddwm3bq4xlnovy",
						"baguqeerazwaj2gukf64chujcb3lhbnndbpx4kssdjcfp4f7pbkkmlrd5ohtq"),
				fixture("array-5-nested", "8265617272617982626f66820582666e657374656482666172726179736121",
						"bafyreihmxfmn5wcpzpiqa6zfefgabxmd2jzr2bd4y2v7c2ss4plkgkabgq",
						"baguqeera7mqnrv3sxsqeaxf23poe2lyztcxjomr7alr2oapf7slfdrr5ai7q"),
				fixture("array-500", "811901f4", "bafyreidasbkb6vj3obxxqqgiz2ahvw7iaxmj446bbnrroj3jt6vzpo5fhm",
						"baguqeeraqjtyxb73lijycba3pidm5fwai4arowgebxo6yd7rdmmdqqwjzqha"),
				fixture("array-6433713753386423", "811b0016db6db6db6db7",
						"bafyreifflym5ibfezh3vwegpsh6hngjeczrjw35a7fsgsfqui4vgy2eawu",
						"baguqeerartozez7h34sfzszo3gpcu6mjql5zd57mh6qhmcwf4enmgtukce7q"),
				fixture("array-65536", "811a00010000", "bafyreiarke72vvg3sfs2nrpzpgnxs7dqcdu2e4ytixgo7snkyoq5w7oddu",
						"baguqeeradd2npofdzz4gl4stit2bkixizy3dlvmqrfbjif3dwc6beh556mbq"),
				fixture("array-9007199254740991", "811b001fffffffffffff",
						"bafyreifjs6kz3aq24pywi7mdrizazmzdsvu3jtd7uut64lvj3mblk2byaa",
						"baguqeeraz4galcrwm4zgvo744npzhwyv3xvbvsaw6ewbtjsun56dragozqoa"),
				fixture("array-empty", "80", "bafyreidwx2fvfdiaox32v2mnn6sxu3j4qoxeqcuenhtgrv5qv6litfnmoe",
						"baguqeeraj5j43immfovaya2uxnpzupwl4xwrfk2nryi3vbz4f4irmeqcxfcq"),
				fixture("array-mixed", ""
						+ "8c1b0016db6db6db6db71a000100001901f40200202238ff3aa5f702b33b0016db6db6db6db74261316fc48c61756573"
						+ "20c39f76c49b746521", "bafyreidufmzzejc3p7gmh6ivp4fjvca5jfazk57nu6vdkvki4c4vpja724",
						"baguqeera4iuxsgqusw3ctry362niptivjyio6dxnsn5afctijsahacub2eza"),
				fixture("bytes-a1", "41a1", "bafyreidfn5bivgcww7slkgp7f5iiukoggxr542m4pzl3zn3oia7ozt7ffe",
						"baguqeera2te22lsmu3vdcg54oi6srd7wkuo3h6tmyvswwakaccayyv6m4tza"),
				fixture("bytes-empty", "40", "bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4kok6gl47quzvy",
						"baguqeerackat3qjvp3wd4jnmm7afadwt2ahpjxqbj7pzxocc4kges5lkkqgq"),
				fixture("bytes-long-8bit", "58ff" + ascending(255),
						"bafyreiaalc4ruy26q4qdrdbjijh2vrecn5c6auefvoz5iyyxgsh7kcjsue",
						"baguqeerabiuwx2krvxgwuufpkbrus3q7afzmqjofkqbfytqbnsgghzclwvwa"),
				fixture("cid-QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY",
						"d82a582300122022ad631c69ee983095b5b8acd029ff94aff1dc6c48837878589a92b90dfea317",
						"bafyreidsrf4agofvag5iiksjc7jjehhdcjqggra7cxe3m2movopc7pomr4",
						"baguqeera6yza2lamkvlohaytwwccgqrswciqhuglte7qta4vfjuwia5xkxvq"),
				fixture("cid-QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL",
						"d82a582300122031c3d57080d8463a3c63b2923df5a1d40ad7a73eae5a14af584213e5f504ac33",
						"bafyreidfkreyekhbpfbbau3o4aakvxk6ninfo7baileo7ezgjiunk66er4",
						"baguqeerahpjisfiuqb5vifrkdpz4yzvhfsdt2agktamof2lvg55zssdclq7a"),
				fixture("cid-QmXg9Pp2ytZ14xgmQjYEiHjVjMFXzCVVEcRTWJBmLgR39V",
						"d82a58230012208ab7a6c5e74737878ac73863cb76739d15d4666de44e5756bf55a2f9e9ab5f44",
						"bafyreidqpmseqxbqp3fwb256fmqg4glepd4wfn5ubei7jlcvxpfy7bshge",
						"baguqeeragkmsqdjvsmershik24tc5kwcgmh6wyahxdzlqi7vrblz4jjsjnfq"),
				fixture("cid-arrayof", ""
						+ "90d82a58250001711220785197229dc8bb1152945da58e2348f7e279eeded06cc2ca736d0e879858b501d82a58250001"
						+ "7012207252523e6591fb8fe553d67ff55a86f84044b46a3e4176e10c58fa529a4aabd5d82a58190001781114c876ceea"
						+ "a8b30123bc5fc99359e682a737308659d82a58230012208ab7a6c5e74737878ac73863cb76739d15d4666de44e5756bf"
						+ "55a2f9e9ab5f44d82a582300122022ad631c69ee983095b5b8acd029ff94aff1dc6c48837878589a92b90dfea317d82a"
						+ "582300122031c3d57080d8463a3c63b2923df5a1d40ad7a73eae5a14af584213e5f504ac33d82a5825000155122081cc"
						+ "5b17018674b401b42f35ba07bb79e211239c23bffe658da1577e3e646877d82a5826000185011220fee347e160f04149"
						+ "130aff63259712dca7aec9ecff70a3d4d4942b5d64b09d05d82a58250001551220b6fbd675f98e2abd22d4ed29fdc831"
						+ "50fedc48597e92dd1a7a24381d44a27451d82a5825000171122069ea0740f9807a28f4d932c62e7c1c83be055e55072c"
						+ "90266ab3e79df63a365bd82a5825000171122089556551c3926679cc52c72e182a5619056a4727409ee93a26d05ad727"
						+ "ca11f4d82a58260001c001562008ce3d9731b000c08338455c8a4a6bd05da16e26b11daa1b917184ece80f0400d82a58"
						+ "260001c0015620960143fe2c5e22cc0bf0cd5534d7f7f4347f4e75223d07379b9af71400000000d82a58260001b10156"
						+ "20c3f2244dfb3c833c62e72e05b7fd1bd6bcba2d6cd455984a1059db7a4bf38348d82a58260001b00156201b7c39197e"
						+ "95b49b38ff96c7bf9e1db4a9f36b5698ecd6000000000000000000d82a4a00015500050001020304",
						"bafyreidhjbzws7yyooefukqt4xvbrctkz5pj5c7dnhdea6nepemymhkccm",
						"baguqeeraqcw26pvoc6mesw7zrnz7bpqmfe7m4agdarke2nytwbqn7kuszdcq"),
				fixture("cid-bafkqabiaaebagba", "d82a4a00015500050001020304",
						"bafyreihm764rs4lirtozq4d5d4pqext5b5akh6val7cyphu4aglvpha3xm",
						"baguqeerarlku7yrcztgkqfowmc5lzvjnavntg2xuwkr6j5lpczxipwxizmma"),
				fixture("cid-bafkreiebzrnroamgos2adnbpgw5apo3z4iishhbdx77gldnbk57d4zdio4",
						"d82a5825000155122081cc5b17018674b401b42f35ba07bb79e211239c23bffe658da1577e3e646877",
						"bafyreic3yrxqeqgoi24fo3h43nfkfs4cntcx243g3lzv3n2hnmcm5ksnzu",
						"baguqeera5c374arbqlbujh5m6goc3fnxmi6y7ksn6mdnbonnakmwvqszxqia"),
				fixture("cid-bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm",
						"d82a5825000171122069ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b",
						"bafyreihfnilmqbnwzcmqrspmmyik5qdocjdrf3rnkuxb2aanrh2qycf6wy",
						"baguqeera7sbeilm63szrewp5opgwrnjrae4wzsrnom67vpugro7dgsi2iana"),
				fixture("cid-bagyacvradn6dsgl6sw2jwoh7s3d37hq5wsu7g22wtdwnmaaaaaaaaaaaaaaa",
						"d82a58260001b00156201b7c39197e95b49b38ff96c7bf9e1db4a9f36b5698ecd6000000000000000000",
						"bafyreicwwufftyxxvvbolsj2svwvc3zzo7u23j2hz27edffxzazlhistjy",
						"baguqeera5jiw3keif37pw2bta4s5ayrgn73qt3cyn5l7c7h3p6lvaiifhmea"),
				fixture("cid-z8mWaJ1dZ9fH5EetPuRsj8jj26pXsgpsr",
						"d82a58190001781114c876ceeaa8b30123bc5fc99359e682a737308659",
						"bafyreiemoe3mh3uanvjypqyrousnwapnluxnmt5lorlhzguj5nvmgjdthi",
						"baguqeeralmwcgg3knsdtmks5jrpsnbkpzzhourbfcwgpxkxs37syppsw54tq"),
				fixture("cid-zdj7Wd8AMwqnhJGQCbFxBVodGSBG84TM7Hs1rcJuQMwTyfEDS",
						"d82a582500017012207252523e6591fb8fe553d67ff55a86f84044b46a3e4176e10c58fa529a4aabd5",
						"bafyreicrcxd4oefvax3uw7gshyen7bbj2vno3drylsnp3int5p6wdesoqq",
						"baguqeera5oa5xf5w42rgmvkavdpbnt6lhkgmpudiqur6ucwyy7jmfe3fykta"),
				fixture("dagpb_1link", ""
						+ "a1654c696e6b7381a16448617368d82a58230012207521fe19c374a97759226dc5c0c8e674e73950e81b211f7dd3b6b3"
						+ "0883a08a51", "bafyreib4mhhkmom5wxnp2hmcjeabbcmzybdiewehujwu73ndvns42zdt4i",
						"baguqeerao7xjffeobbqa2zv43ltxadt6pa4f3c2eh4ufsfudbazsmgb55dza"),
				fixture("dagpb_4namedlinks+data", ""
						+ "a26444617461420801654c696e6b7384a36448617368d82a5823001220b4397c02da5513563d33eef894bf68f2ccdf1b"
						+ "dfc14a976956ab3d1c72f735a0644e616d656e617564696f5f6f6e6c792e6d3461655473697a651a0163d44da3644861"
						+ "7368d82a5823001220025c13fcd1a885df444f64a4a82a26aea867b1148c68cb671e83589f97114932644e616d656863"
						+ "6861742e747874655473697a651903e4a36448617368d82a58230012205d44a305b9b328ab80451d0daa72a12a7bf276"
						+ "3c5f8bbe327597a31ee40d1e48644e616d656c706c61796261636b2e6d3375655473697a651874a36448617368d82a58"
						+ "230012202539ed6e85f2a6f9097db9d76cffd49bf3042eb2e3e8e9af4a3ce842d49dea22644e616d656a7a6f6f6d5f30"
						+ "2e6d7034655473697a651a12417d97",
						"bafyreiagdu5zh6jtk3vnkyltyfpw6tyxtlp24bortutx6dggmmydno3gti",
						"baguqeerapvtwnk5agczlqn7dgiyci5ku54llg32dmn3zvynn3dglte6y3s6q"),
				fixture("dagpb_Data_some", "a26444617461450001020304654c696e6b7380",
						"bafyreieculsmrexh3ty5jentbvuku452o27mst4h2tq2rb2zntqhgcstji",
						"baguqeerajwksxu3lxpomdwxvosl542zl3xknhjgxtq3277gafrhl6vdw5tcq"),
				fixture("dagpb_Links_Hash_some_Tsize_some",
						"a1654c696e6b7381a26448617368d82a4a00015500050001020304655473697a651b001fffffffffffff",
						"bafyreidfgtcksdb5gn4jn2eggnqkktnahqzmvprrv7pakqmiwz25aej62y",
						"baguqeera5drb4r7jf33wkkhs4dvxqsyacnxvv7djbzylt4ib2t42qk4qqkxa"),
				fixture("dagpb_simple_forms_2", ""
						+ "a1654c696e6b7383a16448617368d82a4a00015500050001020304a26448617368d82a4a00015500050001020304644e"
						+ "616d6563626172a26448617368d82a4a00015500050001020304644e616d6563666f6f",
						"bafyreibpoilwc75tlwglfzlziunq65l6arvzwwrhikal5kwlens6ql53ky",
						"baguqeeraibdu3hqnftoo7zlwqzcsk3pw4sf6epneqziyf7oehsde7ykbxula"),
				fixture("false", "f4", "bafyreibac77tiyjzkzzkucve6zejj7jpswslcihcnehisulfnv423qxo2i",
						"baguqeera7s6pczmqrxiyvhsj677spaibo3ny5h3dwq2see3uczsciure7cva"),
				fixture("float--0.5", "fbbfe0000000000000",
						"bafyreidgf3tgrdkimspjianeb4i2ilrhwrd72drroivhom32cegkxisoay",
						"baguqeeradmd3bt72bm7vs226asfqcfiwrcdmyumd3viymvnvkfpolxo2y3iq"),
				fixture("float--0.9999999999999999", "fbbfefffffffffffff",
						"bafyreibmiakyxlz24yia56ipz27movs5zv6js456jvqhpyjluhycsitl34",
						"baguqeera7g7rcxbk5fadm5g4ecmvllvetuuzrmogxmrmkf32b3wboxlqfpkq"),
				fixture("float--1.1", "fbbff199999999999a",
						"bafyreibn43uo5yygsnzbdj6eey2mrcrmavhxgkzvgnmarkt3mo2efr4cfy",
						"baguqeeraop2zowbt65hyvdvn2t4xje3i7b2gkbtydsckfhhjj5ixrtpq5oma"),
				fixture("float--1e-323", "fb8000000000000002",
						"bafyreibg2jfpbjanaowwfpoamj2tjpo2ifhy5fbkln55b5mlhfiy747egq",
						"baguqeeracte7heowtgtjzivjekic4rkwan2kii6fmz3enl5i33oafvnwfwyq"),
				fixture("float--8.940696716308594e-8", "fbbe78000000000000",
						"bafyreideyqdtlnfu53gvyrlg7fsqrx5bk4v2lxmgwzfnfxi23wlyxm43ta",
						"baguqeerabhb35s3mtnhsye24f6322jzfiyogcxg5ouxfulwrkrkkvdpwbdqq"),
				fixture("float-0.5", "fb3fe0000000000000",
						"bafyreifwqkffcpzsyfigri7xm2kaf6bz7si5stsnf46jep5w5we7ngmgma",
						"baguqeera2lf224p7gm66m7ih5rtw4njkw7zyeshlnheuffibk4ramb6fl2ca"),
				fixture("float-0.9999999999999999", "fb3fefffffffffffff",
						"bafyreigjp6bt6yhk2nxlvxhvy3mfoxs4sxslnnzzgbbxc2tailmnuic37i",
						"baguqeeraclkrsheftxvmt7xg73fooogsiwf5bbmvd3auq37l3aqmd5qy6fza"),
				fixture("float-1.1", "fb3ff199999999999a",
						"bafyreifeekgttrbqlvjqmvey2r7damal3kiqn5a6r7a2pijrx4jgdv5odi",
						"baguqeerawbpcir3cwhshfpujve4abtb64mthiphmwvmyjpysqe5n3og6m3ia"),
				fixture("float-1.1111111111111112", "fb3ff1c71c71c71c72",
						"bafyreifj6tfoswmsty24t4ittpwdnzaj6tka7637gdjrrly6q5msu6eooq",
						"baguqeeratkqazgwpbo5npzbafr6wmdgowpy4g633gb5gudyuo3y465bzyqtq"),
				fixture("float-1e-323", "fb0000000000000002",
						"bafyreib6bigeneyagim45hjjzzn3ggyuthejspqqccplri2pmmek5bz2uq",
						"baguqeeralkvxfq2l7znrayirso72iwqx4hi6fq5dmzxvswdeto5n2a55ej5q"),
				fixture("float-8.940696716308594e-8", "fb3e78000000000000",
						"bafyreie6fuw4lkhwfiljun5k4y5srv6io7rcf4r766amlxtmx3it2hwg2e",
						"baguqeerahgvoivj35tc6ejtkj5jxnbwfe2nwmdhdtdxqqg2qmurlh3qsco5q"),
				fixture("float-82497.63712086187", "fb40f4241a31a5a515",
						"bafyreibybbnywxrykhqdulrhywkofxds5tw5fye6geudy2us3pgw2ptgnm",
						"baguqeeraf22bm57rmsotbj67zc7x6jx3czxuelemhtjvbpsjmibxjyavbw3q"),
				fixture("float-array_of_specials", "8501f5f4f620",
						"bafyreibqkv642umtthvkk4siz2x27eqwugyitsjsgbc65ffmtajiag4b64",
						"baguqeeranbypiyrspgq3dw6steqf64bal5xbwfmvjvmzydkumusemokp44bq"),
				fixture("int--1", "20", "bafyreibwvht7dsk3ql73tf2d4dc4jtuv3a6juqykvrm7qtxtzp5lmfcqna",
						"baguqeeradowwxdhzoey7z2vykq7id53vogk7xmotnm3w52muvuopc5uzyrsa"),
				fixture("int--100", "3863", "bafyreiek7xrdy2ej7xqapz2iofeuwo4yl43xrklokxd3k5jwpkcmos4os4",
						"baguqeeraxfvtantde5ytjeyi7o7f26r7h53czhuph3w5k6c3cp7telqf7woq"),
				fixture("int--11959030306112471732", "3ba5f702b3a5f702b3",
						"bafyreieir43khjzemsmgahaozab2vjvtdxavszixhhurvdqg2xkhrwinyi",
						"baguqeera7wvij7ilupcksz2iuprb3wbcipr5vqzvvzj26psnj2oky6j7spva"),
				fixture("int--256", "38ff", "bafyreigdjo5suzljxlmtuj4eoohou6vadwznc4kkdfd4xsarc5sycz76oy",
						"baguqeeral3yqlgtwwsyi4myxu7jqc2w23c2vmpesejnjca73w3beym4f6d5a"),
				fixture("int--2784428724", "3aa5f702b3", "bafyreiegsmviy5gqtupkwtz7d4driei2jzbf4tg3yldpc6ralqjukiywru",
						"baguqeera3kxfhk4svgchnaltrgtr6zhqheybpxsptkvf43byc5nht5wgxu2q"),
				fixture("int--3", "22", "bafyreiekgmp53zydf4z2ohq3fysx3aawny2i4ah4wf4rj5el3nl2drrqa4",
						"baguqeeramfn52f6ckvxyf44ehexkqvl7rteiwa2qdr2z4iyjhkylfknvzvea"),
				fixture("int--501", "3901f4", "bafyreigwygio7woulumjyyylkawalinrei75k3ejc47mcnbnh2voqfikoy",
						"baguqeerauj7u5hvh53p5gieuicpcltpkspublw37bztjmmtvsjwta5wso53a"),
				fixture("int--6433713753386424", "3b0016db6db6db6db7",
						"bafyreickfy6hbb7xz6eiervs4n3jkmnzc2ndbh4flg2jmbz4whoflbdbnm",
						"baguqeeran4ulgjno74x4h6ltzdg5g4yq7rgc4wnhmqhrs4ae76yibbtdjktq"),
				fixture("int--9007199254740991", "3b001ffffffffffffe",
						"bafyreifyx757rmvmwx42wig6lkhgpe2hikvsfu5d7ru55fyhugqoq2leii",
						"baguqeerajsjturllxdzotcklfufsmsaehhgxfvjpxcrhzp4p27zsh4rmpakq"),
				fixture("int--9007199254740992", "3b001fffffffffffff",
						"bafyreictwassa7oj2p67275p5xztivqa3zcspn3zrilgohy3jwrv43klkm",
						"baguqeeraqpqqtp6x7neyjnd2i3zwgyt4ddn327sx4nvqlicm2frngbg7oluq"),
				fixture("int--9007199254740993", "3b0020000000000000",
						"bafyreicb5jhmhsjiazef7gbina6ozd2er7jugqaapmhvbhvubjc6ech2ie",
						"baguqeerapv5k6hghxidzpxmfnypub7e7hxia24fus7rs7nsjh6vklb5zaq2q"),
				fixture("int--9223372036854776000", "3b7fffffffffffffff",
						"bafyreidh4mvwi7pnv62beigtnibakkxpsgjzua5g7kdvu2deltah6kigay",
						"baguqeeraqu4gi57tv5d6jiftbdxdwotirxyw5czcfaif3v6u3tkcvgahzn4a"),
				fixture("int-0", "00", "bafyreidogqfzz75tpkmjzjke425xqcrmpcib2p5tg44hnbirumdbpl5adu",
						"baguqeeral7wowzx7zbxtrwkspbwg22lmphbnxqrz3vhjdndhfhltuj73k7uq"),
				fixture("int-1000000", "1a000f4240", "bafyreiglx3aucayuplysf7vp6jazvwef2nznas75tufpc4kn2ig76jfw4m",
						"baguqeeranthdnwpyvhqvdmiaenfpoxgkrhkvxs4uyfj7kgch3267d444vzcq"),
				fixture("int-11959030306112471731", "1ba5f702b3a5f702b3",
						"bafyreifystp4hw2d3psdtqoairwnsl4mmb2hyupopdp7wxvrxul2cdadbe",
						"baguqeerajogb5uql6gilrcfykgsqh6yjdj65vptw7woitskev6dli6bxohga"),
				fixture("int-18446744073709551615", "1bffffffffffffffff",
						"bafyreibnpsyje7iwfx3smzlnofkxqdyeqz3a4qzhwu33ktibq7sxeckrpq",
						"baguqeeraftnsmjs3jxdf4o2e22kpcip5nxuzxhslrlt7bdmex6uvg5rvvzbq"),
				fixture("int-2", "02", "bafyreig3yg2msah74sgvow25uxddqbabex3f3mh6hysess3w5kmgiv6zqy",
						"baguqeera2rzv4orglylo5yb7lfyyxg25amazyb6yw3cr7eg2hjtg53atvm2q"),
				fixture("int-255", "18ff", "bafyreih4vluto2froiw457akazzjhcfm7y22juemxx6jsyyjufp227tcv4",
						"baguqeerasvllqjezzqfk7bvo47yneu7bprq3p33t2sfcsxzx3ghqrmcp7j7q"),
				fixture("int-2784428723", "1aa5f702b3", "bafyreiga5hy6mxnej7eankwq2zi7echorwp7wfkoeto6l3262rxn24r65m",
						"baguqeeraqd7q5jz4bytomeikdvakzzt3qbjkcrczafx3gu6s6t2c244goziq"),
				fixture("int-500", "1901f4", "bafyreifvxhnllfzufgihevzlj62j34nmzrlzfdjb5pwyqe5675meqi6o7q",
						"baguqeeraaycm2mjy73wsalxsspqgfwrpi4qpo6qf2jpoanvhuaojz7g5d4fa"),
				fixture("int-6433713753386423", "1b0016db6db6db6db7",
						"bafyreie2fdkdrtj4mmdpcryivf4uuvirpz6ehzgmt2w2ks6s6qsrlj4k3a",
						"baguqeerahcqj2m4gchiq7ldwio6lw2js2b5o73th43sw2ulioqxsrlmf5voq"),
				fixture("int-65535", "19ffff", "bafyreicft66te6utk6chakwkgyqxirmsh6dzjyi34c4kf2pzwpvjxaaose",
						"baguqeera6l4j5xuopvft2isd32q4vfvy5tsw66jychmxbc2kaga37anfaaiq"),
				fixture("int-65536", "1a00010000", "bafyreibjfaasdb7qgrdnd2pmg7noltevqzswyif5nyup6sktdanzgpft6a",
						"baguqeerab4sv5qleqlbuh7ijtouwncddo6f6idobm2tik2y5i4haxsl4y36q"),
				fixture("int-9007199254740991", "1b001fffffffffffff",
						"bafyreiau6uboriydiauixhnjr3kv3hzdbsfjf3uggnqzrx3ndnhcpdz5dy",
						"baguqeera6qfuepbn3fp7fmxqe7rcechuhdhxequgfzphi2da42ltbde23uta"),
				fixture("int-9223372036854775807", "1b7fffffffffffffff",
						"bafyreih2npqkh2altk6fydcmxj4kibc6qj5p44r7jnktdw22txixdi2qli",
						"baguqeerawnfbymfhcx3l7c3siox2p6vyqphdmevxemlrnpolxxazqlq25uuq"),
				fixture("jws", ""
						+ "a3646c696e6bd82a5825000171122089556551c3926679cc52c72e182a5619056a4727409ee93a26d05ad727ca11f467"
						+ "7061796c6f616478304158455349496c565a5648446b6d5a357a464c484c68677156686b46616b636e514a37704f6962"
						+ "515774636e796848306a7369676e61747572657381a26970726f7465637465647465794a68624763694f694a465a4552"
						+ "5451534a39697369676e617475726578562d5f394a354f5a636c356c5675526c6749314e4a457a633046714562365f32"
						+ "7956736b556151506475635251346f652d4e35796e436c353777446d345350746d314c31626c74727068705165424f65"
						+ "576a5657314251", "bafyreihdfxoshbhowufyvjk7kq46dt6h7u6byejmlnifz34z7ocoq7ugk4",
						"baguqeeravexfd6qijjtnzxfqq6kgknnkncztgmvhjhxm6ih352qskolt2gxa"),
				fixture("map-1_pair", "a1616101", "bafyreihltcnuuyqp2jm24aqydpnlj7b6w3ogwrplomrjtg5rifv44mmjey",
						"baguqeeraafnl2724yv5c3wklowipaswybbbhhec64m7mltv6vzrco2ux7bra"),
				fixture("map-1_pair_rev", "a161316161", "bafyreierz7t5y4xa635mndfb2i7wu2zxzfnpl6xvg5wr2kxeambtrgvsuy",
						"baguqeeracp3z5isr4gpufnhd7pf7kj3g3ye5zqjoaw2w4vziudcg4jkziikq"),
				fixture("map-empty", "a0", "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua",
						"baguqeeraiqjw7i2vwntyuekgvulpp2det2kpwt6cd7tx5ayqybqpmhfk76fa"),
				fixture("map-keysort", ""
						+ "a96166016265650263646464036463636363046562626262620566616161616161066661616161616207666161616161"
						+ "63086661616161626209", "bafyreifzcy56s5jog3scrc7c3rlaohrwu3recxgf5c7fddfjlnlhh6p6p4",
						"baguqeeraiqj4qsbirp34qohua5y4veoy7idxot4yh6r2qghoxisadibfwbgq"),
				fixture("map-nested", "a1666f626a656374a16477697468a26134666e6573746564676f626a65637473a161216121",
						"bafyreib7zq4mhl7fwtmftjn7d7mmlwf6gi32vimlsjkn25w2e5xlhz2deu",
						"baguqeeraf5gk7lfzh2l2hgbsqiv5z4oj5kxhnv6keki7zvcsont3ejnou4bq"),
				fixture("map-with_complex_entries", ""
						+ "ae636f6e651b0016db6db6db6db763736978206374656e3b0016db6db6db6db76374776f1a0001000064666976650064"
						+ "666f757202646e696e653aa5f702b365656967687438ff65736576656e226574687265651901f466656c6576656e4261"
						+ "31667477656c76656fc48c6175657320c39f76c49b74652168666f75727465656ea4616664666f7572616f0161740262"
						+ "74680368746869727465656e840203046466697665",
						"bafyreia3jgnpn6w3wpvdc7qlyv7rkqjmxrrdaqohtgmwwje5mbpcef6hkq",
						"baguqeerayn5yb7xbzn7uohi4mji43ukajlmigatpoqskccsb6inxjkay44xq"),
				fixture("null", "f6", "bafyreifqwkmiw256ojf2zws6tzjeonw6bpd5vza4i22ccpcq4hjv2ts7cm",
						"baguqeeraoqru5gfp45ey7no26hzwvqwxrlgdhfde7fihao4magmjf6mcxefq"),
				fixture("string-Hello__world!", "6c48656c6c6f20776f726c6421",
						"bafyreigmgu7icw3p3lf3prtti7x3o7vsc6e5peltjinsa7zni2axvlz5cm",
						"baguqeeratz333n5xwz564v76cckgvqbhly4fqxdirlhehhmw3axl64ocmsla"),
				fixture("string-a", "6161", "bafyreiewdnw5h3pdzohmxkwl22g6aqgnpdvs5vmiseymz22mjeti5jgvay",
						"baguqeeravsgygqv3wi3c2e7quvm2gyq3wqdqce3irfiwjnriuvhx7qz7yq6a"),
				fixture("string-empty", "60", "bafyreiengp2sbi6ez34a2jctv34bwyjl7yoliteleaswgcwtqzrhmpyt2m",
						"baguqeerackxdfsy6yawqd3ndlanre7a75y5q3rjvolwwxlzds4q2apmc4eta"),
				fixture("string-long-8bit", ""
						+ "78964c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e736563746574757220616469706973"
						+ "63696e6720656c69742e20446f6e6563206d692074656c6c75732c20696163756c6973206e656320766573746962756c"
						+ "756d20717569732c206665726d656e74756d206e6f6e2066656c69732e204d616563656e6173207574206a7573746f20"
						+ "706f73756572652e", "bafyreihqv76sm2eewjedoh2pdhefkvii4mkebleegrc5lu3rmdu4hbjli4",
						"baguqeera2lqzjgcpgqpn7ofg2fnbdovui73p3lqbcrd4kc7uywzxose55yoa"),
				fixture("string-\u010caues__\u00dfv\u011bte!", "6fc48c6175657320c39f76c49b746521",
						"bafyreigxqkzjak6m4vnenitdpwfryihbvy3wotdle2ldsfgkebeh56ruda",
						"baguqeeradlrdqvxqd3cbbbtsmn7n4mpadvtqvcvj2ggkcf6mx76jzsrxzboa"),
				fixture("string-\u6c34", "63e6b0b4", "bafyreib4565nbj4j6mklcrwjqgdv3uw4i6fr5dqb4dpqcqtsgrzeyg7hmm",
						"baguqeeramndlngq22zwtjgdxrye2qsdo7k3dltx7clrq566p6jxb5zhgaywq"),
				fixture("string-\ud800\udd51", "64f0908591",
						"bafyreihgpl6u5kyypvntwaijdv7wxeiuugo6ruujt652eigmp27zarclam",
						"baguqeerakloumxm3cyyspmsadsj7edgbvpgttahpjgcfpqxpliq4hryzrxgq"),
				fixture("true", "f5", "bafyreibhvppn37ufanewvxvwendgzksh3jpwhk6sxrx2dh3m7s3t5t7noa",
						"baguqeeraww7kig3mmi7xycprx4snzlsy5ovtydg5scwzm26ehjc3isdh4evq"));
	}

	private static Arguments fixture(String name, String hex, String dagCborCid, String dagJsonCid) {
		return Arguments.of(name, HexFormat.of().parseHex(hex), dagCborCid, dagJsonCid);
	}

	private static String ascending(int count) {
		return IntStream.range(0, count).mapToObj((i) -> String.format("%02x", i)).reduce("", String::concat);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void fixtureDecodesEncodesBackToTheSameBytesAndHasThePublishedCid(String name, byte[] block, String dagCborCid,
			String dagJsonCid) {
		Object value = DagCbor.decode(block);
		assertThat(DagCbor.encode(value)).isEqualTo(block);
		assertThat(Cid.of(Cid.DAG_CBOR, block)).hasToString(dagCborCid);
		assertThat(DagCbor.cid(value)).isEqualTo(Cid.parse(dagCborCid));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void fixtureValueEncodedAsDagJsonHasThePublishedDagJsonCid(String name, byte[] block, String dagCborCid,
			String dagJsonCid) {
		Object value = DagCbor.decode(block);
		byte[] json = DagJson.encode(value);
		assertThat(DagJson.cid(value)).hasToString(dagJsonCid);
		assertThat(DagCbor.encode(DagJson.decode(json))).isEqualTo(block);
		assertThat(IpldCodec.DAG_CBOR.cid(IpldCodec.DAG_JSON.decode(json))).hasToString(dagCborCid);
	}

}
