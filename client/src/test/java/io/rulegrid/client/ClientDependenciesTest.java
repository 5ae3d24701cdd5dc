package io.rulegrid.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application gets when it depends on the client: the wire types, the API types, Hazelcast and Jackson;
 * no rule engine, no member, no MVEL, no YAML parser. Checked on the list Maven resolves for the client's
 * runtime scope ({@code target/runtime-dependencies.txt}, written by the build before the tests run).
 */
class ClientDependenciesTest {

    /** {@code group:artifact:type:version}, as {@code dependency:list} prints it. */
    private static final Pattern ARTIFACT = Pattern.compile("^\\s+([\\w.-]+):([\\w.-]+):jar:\\S+");

    static Set<String> runtimeDependencies() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("target/runtime-dependencies.txt"));
        return lines.stream().map(ARTIFACT::matcher).filter(Matcher::find)
                .map(m -> m.group(1) + ":" + m.group(2)).collect(Collectors.toSet());
    }

    @Test
    void anApplicationGetsNoEngineNoMemberAndNoMvel() throws IOException {
        assertThat(runtimeDependencies()).containsExactlyInAnyOrder(
                "io.rulegrid:rulegrid-grid-wire",
                "io.rulegrid:rulegrid-api",
                "com.hazelcast:hazelcast",
                "com.fasterxml.jackson.core:jackson-databind",
                "com.fasterxml.jackson.core:jackson-annotations",
                "com.fasterxml.jackson.core:jackson-core");
    }
}
