package io.ledgerflow.query.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The read side never touches the write side's technology (docs/architecture.md, modules table). */
@AnalyzeClasses(packages = "io.ledgerflow.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noAxonPostgresOrJdbc = noClasses().that().resideInAPackage("io.ledgerflow.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", "org.postgresql..", "java.sql..");

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheListener = noClasses()
            .that().resideInAnyPackage("..query.account..", "..query.entries..", "..query.transfer..",
                    "..query.dashboard..")
            .should().dependOnClassesThat().haveSimpleName("LedgerEventListener");

    /** Packages depend on each other in one direction only, so each can be read and changed on its own. */
    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("io.ledgerflow.query.(**)")
            .should().beFreeOfCycles();
}
