package dev.cim.persistence.routing;

import java.util.List;
import java.util.Random;

import dev.cim.persistence.routing.PermissionDecision.Operation;
import dev.cim.persistence.routing.PermissionDecision.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubjectPermissionsTests {

	private static final SubjectPermissions SALES = SubjectPermissions.builder()
		.allowPublish("cim.events.sales.>", "cim.aggregates.sales.>")
		.denyPublish("cim.events.sales.Secret.>")
		.allowSubscribe("cim.events.sales.>")
		.denySubscribe("cim.events.sales.Secret.>")
		.build();

	@Test
	void denyBeatsAllow() {
		PermissionDecision decision = SALES.checkPublish("cim.events.sales.Secret.s-1.Created.1");
		assertThat(decision.isDenied()).isTrue();
		assertThat(decision.reason()).isEqualTo(Reason.DENIED_BY_RULE);
		assertThat(decision.rule()).isEqualTo(SubjectPattern.of("cim.events.sales.Secret.>"));
		assertThat(decision.describe()).isEqualTo(
				"publish to 'cim.events.sales.Secret.s-1.Created.1' denied by deny rule 'cim.events.sales.Secret.>'");
	}

	@Test
	void subjectMatchedByAnAllowRuleIsAllowedNamingTheFirstRule() {
		SubjectPermissions permissions = SubjectPermissions.builder()
			.allowPublish("cim.events.sales.Order.>", "cim.events.>")
			.build();
		PermissionDecision decision = permissions.checkPublish("cim.events.sales.Order.o-1.OrderPlaced.1");
		assertThat(decision.isAllowed()).isTrue();
		assertThat(decision.reason()).isEqualTo(Reason.ALLOWED_BY_RULE);
		assertThat(decision.rule()).isEqualTo(SubjectPattern.of("cim.events.sales.Order.>"));
		assertThat(decision.operation()).isEqualTo(Operation.PUBLISH);
	}

	@Test
	void subjectNoAllowRuleMatchesIsDeniedWhenThereAreAllowRules() {
		PermissionDecision decision = SALES.checkPublish("cim.events.billing.Invoice.i-1.Sent.1");
		assertThat(decision.isDenied()).isTrue();
		assertThat(decision.reason()).isEqualTo(Reason.NOT_ALLOWED);
		assertThat(decision.rule()).isNull();
		assertThat(decision.describe())
			.isEqualTo("publish to 'cim.events.billing.Invoice.i-1.Sent.1' denied: no allow rule matches it");
	}

	@Test
	void emptyAllowListAllowsEverythingNotDenied() {
		SubjectPermissions permissions = SubjectPermissions.builder().denyPublish("cim.events.hr.>").build();
		assertThat(permissions.publish().allow()).isEmpty();
		PermissionDecision decision = permissions.checkPublish("cim.events.sales.Order.o-1.OrderPlaced.1");
		assertThat(decision.isAllowed()).isTrue();
		assertThat(decision.reason()).isEqualTo(Reason.NO_ALLOW_LIST);
		assertThat(permissions.checkPublish("cim.events.hr.Salary.s-1.Raised.1").isDenied()).isTrue();
		assertThat(permissions.checkSubscribe("anything.at.all").reason()).isEqualTo(Reason.NO_ALLOW_LIST);
		assertThat(PermissionRules.of(List.of(), List.of()).isUnrestricted()).isTrue();
	}

	@Test
	void denyAllDeniesEverything() {
		assertThat(SubjectPermissions.denyAll().checkPublish("a").isDenied()).isTrue();
		assertThat(SubjectPermissions.denyAll().checkSubscribe(">").isDenied()).isTrue();
		assertThat(SubjectPermissions.unrestricted().checkSubscribe(">").isAllowed()).isTrue();
	}

	@Test
	void wildcardSubscriptionIsAllowedOnlyWhenAnAllowRuleCoversIt() {
		assertThat(SALES.checkSubscribe("cim.events.sales.Order.*.OrderPlaced.*").reason())
			.isEqualTo(Reason.ALLOWED_BY_RULE);
		assertThat(SALES.checkSubscribe("cim.events.sales.>").isAllowed()).isFalse();
		assertThat(SALES.checkSubscribe("cim.events.*.Order.>").reason()).isEqualTo(Reason.NOT_ALLOWED);
		SubjectPermissions oneLevel = SubjectPermissions.builder().allowSubscribe("orders.*").build();
		assertThat(oneLevel.checkSubscribe("orders.*").isAllowed()).isTrue();
		// nats-server lets this one through; the library does not, since 'orders.*'
		// does not cover 'orders.a.b'.
		assertThat(oneLevel.checkSubscribe("orders.>").reason()).isEqualTo(Reason.NOT_ALLOWED);
		assertThat(oneLevel.checkSubscribe("orders.*").describe())
			.isEqualTo("subscribe to 'orders.*' allowed by allow rule 'orders.*'");
	}

	@Test
	void wildcardSubscriptionIsDeniedWhenADenyRuleSharesASubjectWithIt() {
		PermissionDecision decision = SALES.checkSubscribe("cim.events.sales.*.s-1.>");
		assertThat(decision.reason()).isEqualTo(Reason.DENIED_BY_RULE);
		assertThat(decision.rule()).isEqualTo(SubjectPattern.of("cim.events.sales.Secret.>"));
		assertThat(SALES.checkSubscribe("cim.events.sales.Order.*.>").isAllowed()).isTrue();
		assertThat(SALES.checkSubscribe("cim.events.sales.Secret.s-1.Created.1").isDenied()).isTrue();
	}

	@Test
	void publishToAWildcardIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SALES.checkPublish("cim.events.sales.>"))
			.withMessageContaining("a subject must be literal");
	}

	@Test
	void decisionsAgreeWithAReferenceOnGeneratedRules() {
		Random random = new Random(42);
		List<String> shortSubjects = SubjectPatternTests.subjects(5);
		for (int round = 0; round < 400; round++) {
			List<String> allow = generated(random, random.nextInt(3));
			List<String> deny = generated(random, random.nextInt(3));
			SubjectPermissions permissions = SubjectPermissions.of(PermissionRules.of(allow, deny),
					PermissionRules.of(allow, deny));
			for (int probe = 0; probe < 20; probe++) {
				String subject = PatternGenerator.subject(random, 5);
				boolean denied = deny.stream().anyMatch((pattern) -> ReferenceMatcher.matches(pattern, subject));
				boolean allowed = allow.isEmpty()
						|| allow.stream().anyMatch((pattern) -> ReferenceMatcher.matches(pattern, subject));
				assertThat(permissions.checkPublish(subject).isAllowed())
					.as("%s allow %s deny %s", subject, allow, deny)
					.isEqualTo(allowed && !denied);
				String pattern = PatternGenerator.pattern(random, 4);
				boolean sharesDenied = deny.stream()
					.anyMatch((d) -> shortSubjects.stream()
						.anyMatch((s) -> ReferenceMatcher.matches(d, s) && ReferenceMatcher.matches(pattern, s)));
				boolean covered = allow.isEmpty() || allow.stream()
					.anyMatch((a) -> shortSubjects.stream()
						.allMatch((s) -> !ReferenceMatcher.matches(pattern, s) || ReferenceMatcher.matches(a, s)));
				assertThat(permissions.checkSubscribe(pattern).isAllowed())
					.as("subscribe %s allow %s deny %s", pattern, allow, deny)
					.isEqualTo(covered && !sharesDenied);
			}
		}
	}

	private static List<String> generated(Random random, int count) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> PatternGenerator.pattern(random, 4))
			.distinct()
			.toList();
	}

	@Test
	void combinedPermissionsConcatenateTheirPatterns() {
		SubjectPermissions reader = SubjectPermissions.builder().allowSubscribe("cim.events.sales.>").build();
		SubjectPermissions noHr = SubjectPermissions.builder().deny("cim.events.hr.>").build();
		SubjectPermissions both = reader.and(noHr);
		assertThat(both.subscribe().allow()).containsExactly(SubjectPattern.of("cim.events.sales.>"));
		assertThat(both.subscribe().deny()).containsExactly(SubjectPattern.of("cim.events.hr.>"));
		// The deny-only role does not lift the reader's allow list.
		assertThat(both.checkSubscribe("cim.events.billing.>").isDenied()).isTrue();
		assertThat(both.publish().deny()).containsExactly(SubjectPattern.of("cim.events.hr.>"));
	}

	@Test
	void rendersTheServerConfigurationBlock() {
		assertThat(SALES.toServerConfig()).isEqualTo("""
				permissions: {
				  publish: {
				    allow: ["cim.events.sales.>", "cim.aggregates.sales.>"]
				    deny: ["cim.events.sales.Secret.>"]
				  }
				  subscribe: {
				    allow: ["cim.events.sales.>"]
				    deny: ["cim.events.sales.Secret.>"]
				  }
				}
				""");
		SubjectPermissions denyOnly = SubjectPermissions.builder().denySubscribe(">").build();
		assertThat(denyOnly.toServerConfig()).isEqualTo("""
				permissions: {
				  subscribe: {
				    deny: [">"]
				  }
				}
				""");
		assertThat(SubjectPermissions.unrestricted().toServerConfig()).isEqualTo("permissions: {\n}\n");
	}

	@Test
	void rendersTheJwtPermissions() {
		assertThat(SALES.toJwtJson()).isEqualTo("{\"pub\":{\"allow\":[\"cim.events.sales.>\", "
				+ "\"cim.aggregates.sales.>\"],\"deny\":[\"cim.events.sales.Secret.>\"]},"
				+ "\"sub\":{\"allow\":[\"cim.events.sales.>\"],\"deny\":[\"cim.events.sales.Secret.>\"]}}");
		assertThat(SubjectPermissions.builder().denySubscribe(">").build().toJwtJson())
			.isEqualTo("{\"pub\":{},\"sub\":{\"deny\":[\">\"]}}");
	}

}
