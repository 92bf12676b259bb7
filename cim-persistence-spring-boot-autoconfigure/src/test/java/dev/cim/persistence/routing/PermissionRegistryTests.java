package dev.cim.persistence.routing;

import java.util.List;
import java.util.Set;

import dev.cim.persistence.routing.PermissionDecision.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PermissionRegistryTests {

	private static final String ORDER_PLACED = "cim.events.sales.Order.o-1.OrderPlaced.1";

	private static final String SALARY_RAISED = "cim.events.hr.Salary.s-1.Raised.1";

	@Test
	void unknownPrincipalGetsTheDefaultsWhichDenyEverything() {
		PermissionRegistry registry = new PermissionRegistry();
		PermissionDecision decision = registry.checkPublish("mallory", List.of(), ORDER_PLACED);
		assertThat(decision.isDenied()).isTrue();
		assertThat(decision.rule()).isEqualTo(SubjectPattern.of(">"));
	}

	@Test
	void defaultsCanBeGiven() {
		PermissionRegistry registry = new PermissionRegistry(SubjectPermissions.unrestricted());
		assertThat(registry.checkPublish("anyone", List.of(), ORDER_PLACED).reason()).isEqualTo(Reason.NO_ALLOW_LIST);
	}

	@Test
	void principalGetsItsOwnAndItsRolesPermissions() {
		PermissionRegistry registry = new PermissionRegistry();
		registry.putPrincipal("alice", SubjectPermissions.builder().allow("cim.events.sales.>").build());
		registry.putRole("hr", SubjectPermissions.builder().allow("cim.events.hr.>").build());
		registry.putRole("no-secrets", SubjectPermissions.builder().deny("cim.events.*.Secret.>").build());
		assertThat(registry.checkPublish("alice", List.of(), SALARY_RAISED).isDenied()).isTrue();
		assertThat(registry.checkPublish("alice", List.of("hr"), SALARY_RAISED).isAllowed()).isTrue();
		assertThat(
				registry.checkPublish("alice", List.of("hr", "no-secrets"), "cim.events.hr.Secret.x.Made.1").reason())
			.isEqualTo(Reason.DENIED_BY_RULE);
		assertThat(registry.checkSubscribe("bob", Set.of("hr"), "cim.events.hr.>").isAllowed()).isTrue();
		assertThat(registry.checkSubscribe("bob", Set.of("hr", "unknown-role"), "cim.events.sales.>").isDenied())
			.isTrue();
	}

	@Test
	void changesApplyToLaterChecks() {
		PermissionRegistry registry = new PermissionRegistry();
		registry.putPrincipal("alice", SubjectPermissions.builder().allow("cim.events.sales.>").build());
		assertThat(registry.checkPublish("alice", List.of(), ORDER_PLACED).isAllowed()).isTrue();
		registry.putPrincipal("alice", SubjectPermissions.builder().denyPublish("cim.events.sales.Order.>").build());
		assertThat(registry.checkPublish("alice", List.of(), ORDER_PLACED).isDenied()).isTrue();
		assertThat(registry.removePrincipal("alice")).isTrue();
		assertThat(registry.principal("alice")).isEmpty();
		assertThat(registry.permissionsOf("alice")).isSameAs(registry.defaults());
	}

	@Test
	void rendersAPrincipalsEffectiveRules() {
		PermissionRegistry registry = new PermissionRegistry();
		registry.putPrincipal("alice", SubjectPermissions.builder().allowPublish("cim.events.sales.>").build());
		registry.putRole("auditor", SubjectPermissions.builder().allowSubscribe("cim.events.>").build());
		assertThat(registry.toServerConfig("alice", List.of("auditor"))).isEqualTo("""
				permissions: {
				  publish: {
				    allow: ["cim.events.sales.>"]
				  }
				  subscribe: {
				    allow: ["cim.events.>"]
				  }
				}
				""");
		assertThat(registry.toJwtJson("alice", List.of("auditor")))
			.isEqualTo("{\"pub\":{\"allow\":[\"cim.events.sales.>\"]},\"sub\":{\"allow\":[\"cim.events.>\"]}}");
	}

	@Test
	void blankNamesAreRefused() {
		PermissionRegistry registry = new PermissionRegistry();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> registry.putPrincipal(" ", SubjectPermissions.unrestricted()))
			.withMessage("principal name ' ' is blank");
		assertThatIllegalArgumentException().isThrownBy(() -> registry.putRole("", SubjectPermissions.unrestricted()))
			.withMessage("role name '' is blank");
	}

}
