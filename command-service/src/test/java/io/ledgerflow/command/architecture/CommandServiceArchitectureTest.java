package io.ledgerflow.command.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "io.ledgerflow.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest {

    @ArchTest
    static final ArchRule never_reads_the_projections = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "io.ledgerflow.query..");

    @ArchTest
    static final ArchRule the_domain_rules_do_not_know_the_web = noClasses()
            .that().resideInAnyPackage("..account..", "..transfer..").and().haveSimpleNameNotEndingWith("Controller")
            .and().haveSimpleNameNotEndingWith("Request").and().haveSimpleNameNotEndingWith("Responses")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");

    /** The transfer rules and their handler: HTTP lives in transfer.web, which depends on them, never the reverse. */
    @ArchTest
    static final ArchRule the_transfer_domain_knows_no_http_type = noClasses()
            .that().resideInAPackage("io.ledgerflow.command.transfer")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                    "jakarta.servlet..", "jakarta.validation..", "io.swagger..", "io.ledgerflow.servicekit.web..",
                    "io.ledgerflow.command.web..", "io.ledgerflow.command.transfer.web..");

    /** Packages depend on each other in one direction only, so each can be read and changed on its own. */
    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("io.ledgerflow.command.(**)")
            .should().beFreeOfCycles();
}
