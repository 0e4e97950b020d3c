package dev.realtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's packages depend on each other in one direction only, and the public API depends on
 * none of them.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.realtime");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.realtime.(*)..").should().beFreeOfCycles().check(CORE);
	}

	@Test
	void thePublicApiDependsOnNoPackageOfTheImplementation() {
		noClasses().that()
			.resideInAPackage("dev.realtime")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.realtime.*..")
			.check(CORE);
	}

	@Test
	void onlyTheHubSeesItsConnectionsAsItsOwnType() {
		noClasses().that()
			.resideOutsideOfPackages("dev.realtime.hub", "dev.realtime.websocket", "dev.realtime.sse")
			.should()
			.dependOnClassesThat()
			.haveSimpleName("AbstractConnection")
			.check(CORE);
	}

}
