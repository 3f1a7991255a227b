package io.ledgerflow.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "io.ledgerflow.events", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {

    @ArchTest
    static final ArchRule knows_no_framework_and_no_service = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "io.ledgerflow.command..", "io.ledgerflow.query..", "com.mongodb..");

    @ArchTest
    static final ArchRule events_are_records_with_a_revision = classes()
            .that().implement(LedgerEvent.class).and().areNotInterfaces()
            .should().beRecords().andShould().beAnnotatedWith(Revision.class);

    /** Packages depend on each other in one direction only, so each can be read and changed on its own. */
    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("io.ledgerflow.events.(**)")
            .should().beFreeOfCycles();
}
