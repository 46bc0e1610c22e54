package io.workspaces.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.workspaces.command.workspace.Requires;
import io.workspaces.command.workspace.Workspace;
import io.workspaces.command.workspace.WorkspaceChange;
import io.workspaces.events.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private final JavaClasses commandSide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.workspaces.command");

    @Test
    void theCommandSideNeverUsesTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.workspaces.query..").check(commandSide);
    }

    @Test
    void controllersNeverTouchTheDatabase() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "javax.sql..",
                        "java.sql..")
                .check(commandSide);
    }

    @Test
    void everyChangeToAWorkspaceSaysWhoMayMakeIt() {
        classes().that().implement(WorkspaceChange.class).should().beAnnotatedWith(Requires.class).check(commandSide);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.workspaces.command.(*)..").should().beFreeOfCycles().check(commandSide);
    }

    /**
     * The effective role (own membership or the {@code *} binding, the higher) is {@code Role.effective}'s alone:
     * only the aggregate, which keeps the binding, looks the binding up, and hands it to that definition.
     */
    @Test
    void theAccessRuleHasOneDefinition() {
        noClasses().that().doNotBelongToAnyOf(Workspace.class).should().accessField(Principal.class, "EVERYONE")
                .check(commandSide);
    }
}
