package dev.cim.persistence;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the architecture: what each package may use, and no cycles.
 */
class ArchitectureTests {

	private static final String JDK = "java..";

	private static final String JSPECIFY = "org.jspecify..";

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.cim.persistence");
	}

	@Test
	void ipldUsesTheJdkOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.ipld..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "dev.cim.persistence.ipld.."));
	}

	@Test
	void embeddedUsesTheJdkOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.embedded..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "dev.cim.persistence.embedded.."));
	}

	@Test
	void routingUsesTheJdkOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.routing..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "dev.cim.persistence.routing.."));
	}

	@Test
	void natsUsesJnatsRoutingAndSpringDataAccessExceptionsOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.nats..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "io.nats..", "org.springframework.dao..", "dev.cim.persistence.nats..",
					"dev.cim.persistence.routing.."));
	}

	@Test
	void eventUsesIpldRoutingAndJacksonOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.event..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "com.fasterxml.jackson..", "dev.cim.persistence.event..",
					"dev.cim.persistence.ipld..", "dev.cim.persistence.routing.."));
	}

	@Test
	void readmodelUsesEventNatsRoutingJacksonJnatsAndSpringDataAccessOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.readmodel..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "com.fasterxml.jackson..", "io.nats..", "io.micrometer.observation..",
					"io.micrometer.common..", "org.springframework.dao..", "dev.cim.persistence.readmodel..",
					"dev.cim.persistence.event..", "dev.cim.persistence.nats..", "dev.cim.persistence.routing.."));
	}

	@Test
	void queryUsesReadmodelNatsRoutingEventJacksonJnatsCaffeineAndSpringDataAccessOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.query..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "com.fasterxml.jackson..", "io.nats..", "org.springframework.dao..",
					"com.github.benmanes.caffeine..", "dev.cim.persistence.query..", "dev.cim.persistence.readmodel..",
					"dev.cim.persistence.nats..", "dev.cim.persistence.routing..", "dev.cim.persistence.event..",
					"dev.cim.persistence.ipld.."));
	}

	@Test
	void eventRouteUsesEventNatsRoutingReadModelJacksonJnatsAndSpringDataAccessOnly() {
		check(classes().that()
			.resideInAPackage("..persistence.eventroute..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "com.fasterxml.jackson..", "io.nats..", "org.springframework.dao..",
					"dev.cim.persistence.eventroute..", "dev.cim.persistence.event..", "dev.cim.persistence.nats..",
					"dev.cim.persistence.readmodel..", "dev.cim.persistence.routing.."));
	}

	@Test
	void repositoryApiUsesNoEngineJacksonOrJnatsType() {
		check(classes().that()
			.resideInAPackage("dev.cim.persistence.repository")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "org.springframework.dao..", "dev.cim.persistence.repository",
					"dev.cim.persistence.routing.."));
	}

	@Test
	void repositoryEngineUsesTheApiEventIpldNatsAndRoutingOnly() {
		check(classes().that()
			.resideInAPackage("dev.cim.persistence.repository.support..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(JDK, JSPECIFY, "com.fasterxml.jackson..", "com.github.benmanes.caffeine..", "io.nats..",
					"io.micrometer.observation..", "org.springframework.dao..", "dev.cim.persistence.repository..",
					"dev.cim.persistence.event..", "dev.cim.persistence.ipld..", "dev.cim.persistence.nats..",
					"dev.cim.persistence.routing.."));
	}

	@Test
	void autoConfigurationIsUsedByNoOtherPackage() {
		check(noClasses().that()
			.resideOutsideOfPackage("dev.cim.persistence.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.cim.persistence.autoconfigure.."));
	}

	@Test
	void onlyAutoConfigurationUsesSpringBoot() {
		check(noClasses().that()
			.resideOutsideOfPackage("dev.cim.persistence.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot.."));
	}

	@Test
	void packagesHaveNoCycles() {
		check(slices().matching("dev.cim.persistence.(*)..").should().beFreeOfCycles());
		check(slices().matching("dev.cim.persistence.(**)").should().beFreeOfCycles());
	}

	private static void check(ArchRule rule) {
		rule.allowEmptyShould(true).check(classes);
	}

}
