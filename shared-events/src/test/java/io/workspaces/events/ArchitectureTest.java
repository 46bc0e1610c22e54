package io.workspaces.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The event records and the access rules are read by every module, the client and consumers: they carry no
 * framework runtime.
 */
class ArchitectureTest {

    private final JavaClasses events = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.workspaces.events", "io.workspaces.access");

    @Test
    void eventsDependOnNeitherSpringNorAxonBeyondTheRevisionAnnotation() {
        noClasses().should().dependOnClassesThat(resideInAPackage("org.springframework.."))
                .orShould().dependOnClassesThat(resideInAPackage("org.axonframework..")
                        .and(not(equivalentTo(Revision.class))))
                .check(events);
    }
}
