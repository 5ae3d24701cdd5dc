package io.rulegrid.rules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rule engine's dependency rules, checked on its bytecode so that they cannot erode unnoticed. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rulegrid.rules");

    @Test
    void ruleEngineDependsOnNoGridKafkaOrRedisLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..", "org.apache.kafka..",
                "org.redisson..", "redis..").check(ENGINE);
    }

    @Test
    void noRuleTextReachesMvelBecauseNoProductionCodeUsesIt() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.mvel2..").check(ENGINE);
    }

    @Test
    void apiDoesNotReachIntoInternalsExceptThroughTheCompilerFactory() {
        noClasses().that().resideInAPackage("io.rulegrid.rules").and().doNotHaveSimpleName("RuleCompiler")
                .should().dependOnClassesThat().resideInAPackage("io.rulegrid.rules.internal..").check(ENGINE);
    }

    @Test
    void engineKnowsNoExpressionLanguageExceptWhereItCompilesOne() {
        noClasses().that().resideInAPackage("io.rulegrid.rules.internal.engine")
                .and().doNotHaveSimpleName("RuleSetCompiler")
                .should().dependOnClassesThat().resideInAPackage("io.rulegrid.rules.internal.lang..").check(ENGINE);
    }
}
