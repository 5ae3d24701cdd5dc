package io.rulegrid.node;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a member runs with: the rule engine on RuleGrid's own evaluator, without MVEL (no rule text can reach an
 * interpreter that is not there), none of the client-side tools, and no SQL engine. Checked on the list Maven
 * resolves for the member's runtime scope ({@code target/runtime-dependencies.txt}, written by the build before the
 * tests run).
 */
class MemberDependenciesTest {

    @Test
    void aMemberCarriesNoMvelAndNoClientSideModule() throws IOException {
        String dependencies = Files.readString(Path.of("target/runtime-dependencies.txt"));

        assertThat(dependencies).contains("io.rulegrid:rulegrid-rules:jar", "com.hazelcast:hazelcast:jar")
                .doesNotContain("org.mvel", "easy-rules", "picocli", "rulegrid-client", "rulegrid-cli", "rulegrid-demo",
                        "rulegrid-testkit", "junit");
    }

    /**
     * Hazelcast 5.6 offers no setting that leaves out some SQL connectors: the hazelcast-sql module brings them all
     * (IMap, File, Kafka, JDBC), so any client that reaches a member could map and read the member's files. Without
     * the module every SQL statement fails; IMap predicates, {@code Predicates.sql} included, are not SQL.
     */
    @Test
    void aMemberCarriesNoSqlEngine() throws IOException {
        String dependencies = Files.readString(Path.of("target/runtime-dependencies.txt"));

        assertThat(dependencies).contains("com.hazelcast:hazelcast:jar").doesNotContain("hazelcast-sql");
    }
}
