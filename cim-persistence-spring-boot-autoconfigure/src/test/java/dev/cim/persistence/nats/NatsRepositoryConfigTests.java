package dev.cim.persistence.nats;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link NatsRepositoryConfig} refuses every setting out of its range, naming it, and
 * accepts each range's edge.
 */
class NatsRepositoryConfigTests {

	@Test
	void theDefaultsAreValidAndSurviveTheBuilderRoundTrip() {
		NatsRepositoryConfig defaults = NatsRepositoryConfig.defaults();
		assertThat(defaults.eventStreamName()).isEqualTo("EVENTS");
		assertThat(defaults.aggregateStreamName()).isEqualTo("AGGREGATES");
		assertThat(defaults.ipldCodec()).isEqualTo("dag-json");
		assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
		NatsRepositoryConfig changed = build((b) -> b.cacheSize(7)
			.enableIpld(false)
			.verifyOnLoad(true)
			.ipldCodec(" DAG-CBOR ")
			.stateMaxBytes(300)
			.snapshotEvery(5)
			.replicas(3));
		assertThat(changed.ipldCodec()).isEqualTo("dag-cbor");
		assertThat(changed.toBuilder().build()).isEqualTo(changed);
	}

	@Test
	void everyNameSettingIsChecked() {
		assertName("event stream name", (b, name) -> b.eventStreamName(name));
		assertName("aggregate stream name", (b, name) -> b.aggregateStreamName(name));
		assertName("read model bucket", (b, name) -> b.readModelBucket(name));
		assertName("snapshot bucket", (b, name) -> b.snapshotBucket(name));
		assertName("snapshot object bucket", (b, name) -> b.snapshotObjectBucket(name));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a.b", "a*", "a>", "a/b", "a\\b", "a b", "a\tb", "a\u0001" })
	void aNameWithACharacterThatChangesASubjectOrPathIsRefusedAtItsIndex(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> build((b) -> b.readModelBucket(name)))
			.withMessage("read model bucket '" + name + "' contains a character not allowed in a stream or bucket"
					+ " name at index 1");
	}

	@Test
	void theTwoStreamsMustDiffer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> build((b) -> b.eventStreamName("S").aggregateStreamName("S")))
			.withMessage("event stream name and aggregate stream name must differ, both are 'S'");
	}

	@Test
	void theSubjectPrefixIsASubjectToken() {
		assertThatIllegalArgumentException().isThrownBy(() -> build((b) -> b.subjectPrefix("a.b")))
			.withMessageStartingWith("subject prefix 'a.b' is not a valid subject token");
	}

	@Test
	void everyNumberIsCheckedAtItsLowerEdge() {
		assertAtLeast("cache size", 0, (b, v) -> b.cacheSize(v));
		assertAtLeast("replicas", 1, (b, v) -> b.replicas(v));
		assertAtLeast("max event bytes", 256, (b, v) -> b.maxEventBytes(v));
		assertAtLeast("aggregate history", 1, (b, v) -> b.aggregateHistory(v));
		assertAtLeast("publish attempts", 1, (b, v) -> b.publishAttempts(v));
		assertAtLeast("snapshot every", 0, (b, v) -> b.snapshotEvery(v));
		assertAtLeast("update attempts", 1, (b, v) -> b.updateAttempts(v));
		assertAtLeast("state max bytes", 0, (b, v) -> b.stateMaxBytes(v));
	}

	@Test
	void replicasAreAtMostFive() {
		assertThat(build((b) -> b.replicas(5)).replicas()).isEqualTo(5);
		assertThatIllegalArgumentException().isThrownBy(() -> build((b) -> b.replicas(6)))
			.withMessage("replicas must be at most 5, was 6");
	}

	@Test
	void theCodecIsDagJsonOrDagCbor() {
		assertThat(build((b) -> b.ipldCodec("dag-cbor")).ipldCodec()).isEqualTo("dag-cbor");
		assertThatIllegalArgumentException().isThrownBy(() -> build((b) -> b.ipldCodec("cbor")))
			.withMessage("IPLD codec must be dag-json or dag-cbor, was 'cbor'");
		assertThatIllegalArgumentException().isThrownBy(() -> build((b) -> b.ipldCodec(null)))
			.withMessage("IPLD codec must be dag-json or dag-cbor, was null");
	}

	@Test
	void thePublishTimeoutIsPositiveAndBothDurationsAreRequired() {
		assertThat(build((b) -> b.publishTimeout(Duration.ofNanos(1))).publishTimeout()).isEqualTo(Duration.ofNanos(1));
		assertThatIllegalArgumentException().isThrownBy(() -> build((b) -> b.publishTimeout(Duration.ZERO)))
			.withMessage("publish timeout must be positive, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> build((b) -> b.publishTimeout(Duration.ofSeconds(-1))))
			.withMessage("publish timeout must be positive, was PT-1S");
		assertThatNullPointerException().isThrownBy(() -> build((b) -> b.publishTimeout(null)))
			.withMessage("publishTimeout");
		assertThatNullPointerException().isThrownBy(() -> build((b) -> b.duplicateWindow(null)))
			.withMessage("duplicateWindow");
	}

	private interface Setter<T> {

		NatsRepositoryConfig.Builder apply(NatsRepositoryConfig.Builder builder, T value);

	}

	private static NatsRepositoryConfig build(UnaryOperator<NatsRepositoryConfig.Builder> change) {
		return change.apply(NatsRepositoryConfig.builder()).build();
	}

	private static void assertName(String what, Setter<String> setter) {
		String longest = "N".repeat(64);
		assertThat(setter.apply(NatsRepositoryConfig.builder(), longest).build()).isNotNull();
		assertThat(setter.apply(NatsRepositoryConfig.builder(), "n").build()).isNotNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> setter.apply(NatsRepositoryConfig.builder(), longest + "N").build())
			.withMessage(what + " must be 1 to 64 characters, was '" + longest + "N'");
		assertThatIllegalArgumentException().isThrownBy(() -> setter.apply(NatsRepositoryConfig.builder(), "").build())
			.withMessage(what + " must be 1 to 64 characters, was ''");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> setter.apply(NatsRepositoryConfig.builder(), null).build())
			.withMessage(what + " must be 1 to 64 characters, was null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> setter.apply(NatsRepositoryConfig.builder(), "a.b").build())
			.withMessageStartingWith(what + " 'a.b' contains a character");
	}

	private static void assertAtLeast(String what, int min, Setter<Integer> setter) {
		assertThat(setter.apply(NatsRepositoryConfig.builder(), min).build()).isNotNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> setter.apply(NatsRepositoryConfig.builder(), min - 1).build())
			.withMessage(what + " must be at least " + min + ", was " + (min - 1));
	}

}
