package io.rulegrid.perf;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * How RuleGrid's modules may depend on each other, checked on the bytecode of all of them. The benchmarks are
 * the one module that sees every other, so the rules live here. Maven's dependencies already keep a module from
 * compiling against one it does not declare; these rules say which declarations are allowed at all, and keep
 * each module's internals its own.
 */
class ModuleDependenciesTest {

    private static final JavaClasses RULEGRID = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rulegrid");

    @Test
    void modulesDependOnlyDownTheArchitecture() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.rulegrid.api..")
                .layer("rule engine").definedBy("io.rulegrid.rules..")
                .layer("wire").definedBy("io.rulegrid.grid..")
                .layer("member").definedBy("io.rulegrid.node..")
                .layer("client").definedBy("io.rulegrid.client..")
                .layer("command").definedBy("io.rulegrid.cli..")
                .layer("demo").definedBy("io.rulegrid.demo..")
                .layer("test kit").definedBy("io.rulegrid.testkit..")
                .layer("benchmarks").definedBy("io.rulegrid.perf..")
                .whereLayer("benchmarks").mayNotBeAccessedByAnyLayer()
                .whereLayer("demo").mayOnlyBeAccessedByLayers("benchmarks")
                .whereLayer("test kit").mayOnlyBeAccessedByLayers("benchmarks")
                .whereLayer("command").mayOnlyBeAccessedByLayers("demo", "benchmarks")
                .whereLayer("client").mayOnlyBeAccessedByLayers("command", "demo", "benchmarks")
                .whereLayer("member").mayOnlyBeAccessedByLayers("test kit", "benchmarks")
                .whereLayer("wire").mayOnlyBeAccessedByLayers("member", "client", "command", "demo", "test kit",
                        "benchmarks")
                .whereLayer("rule engine").mayOnlyBeAccessedByLayers("member", "command", "demo", "benchmarks")
                .check(RULEGRID);
    }

    @Test
    void aModulesInternalsAreItsOwn() {
        for (String module : new String[] {"rules", "node", "client"}) {
            noClasses().that().resideOutsideOfPackage("io.rulegrid." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.rulegrid." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(RULEGRID);
        }
    }

    @Test
    void whatClientsLoadHoldsNoMemberOrEngineCode() {
        noClasses().that().resideInAnyPackage("io.rulegrid.api..", "io.rulegrid.grid..", "io.rulegrid.client..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rulegrid.rules..", "io.rulegrid.node..",
                        "org.mvel2..", "org.yaml..", "com.github.benmanes.caffeine..", "com.google.re2j..")
                .check(RULEGRID);
    }

    @Test
    void onlyMembersAndTheirTestKitStartMembers() {
        noClasses().that().resideOutsideOfPackages("io.rulegrid.node..", "io.rulegrid.testkit..")
                .should().callMethod(com.hazelcast.core.Hazelcast.class, "newHazelcastInstance",
                        com.hazelcast.config.Config.class)
                .check(RULEGRID);
    }
}
