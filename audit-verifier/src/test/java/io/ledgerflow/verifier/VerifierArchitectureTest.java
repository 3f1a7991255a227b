package io.ledgerflow.verifier;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The auditor's tool trusts only the published language: no framework, no service code, no database driver. */
@AnalyzeClasses(packages = "io.ledgerflow.verifier", importOptions = ImportOption.DoNotIncludeTests.class)
class VerifierArchitectureTest {

    @ArchTest
    static final ArchRule knows_no_framework_no_service_and_no_database = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "io.ledgerflow.command..", "io.ledgerflow.query..", "io.ledgerflow.servicekit..",
                    "com.mongodb..", "java.sql..", "org.postgresql..");

    /** Only the Kafka source talks to Kafka; the checks do not know where events come from. */
    @ArchTest
    static final ArchRule only_the_kafka_source_uses_kafka = noClasses()
            .that().resideOutsideOfPackages("io.ledgerflow.verifier.kafka..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("io.ledgerflow.verifier.(**)")
            .should().beFreeOfCycles();
}
