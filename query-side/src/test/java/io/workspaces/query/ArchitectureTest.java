package io.workspaces.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.workspaces.events.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private final JavaClasses querySide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.workspaces.query");

    /** Access decisions come from the shared access index ({@code io.workspaces.access}), never re-derived here. */
    @Test
    void theAccessRuleHasOneDefinition() {
        noClasses().should().accessField(Principal.class, "EVERYONE").check(querySide);
    }

    @Test
    void theQuerySideNeverUsesTheCommandSide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.workspaces.command..").check(querySide);
    }

    @Test
    void controllersNeverTouchTheDatabase() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "javax.sql..",
                        "java.sql..")
                .check(querySide);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.workspaces.query.(*)..").should().beFreeOfCycles().check(querySide);
    }
}
