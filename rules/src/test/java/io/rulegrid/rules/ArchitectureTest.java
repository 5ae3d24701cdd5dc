package io.rulegrid.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The module's layout rules, checked on its sources so that they cannot erode unnoticed. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/io/rulegrid/rules");

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static boolean imports(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import " + prefix)
                    || line.startsWith("import static " + prefix));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void ruleEngineDependsOnNoGridKafkaOrRedisLibrary() throws IOException {
        assertThat(sources(MAIN)).noneMatch(f -> imports(f, "com.hazelcast") || imports(f, "org.apache.kafka")
                || imports(f, "org.redisson") || imports(f, "redis."));
    }

    @Test
    void noRuleTextReachesMvelBecauseNoProductionCodeUsesIt() throws IOException {
        assertThat(sources(MAIN)).noneMatch(f -> imports(f, "org.mvel2"));
    }

    @Test
    void apiDoesNotReachIntoInternalsExceptThroughTheCompilerFactory() throws IOException {
        try (Stream<Path> api = Files.list(MAIN)) {
            assertThat(api.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> imports(f, "io.rulegrid.rules.internal"))
                    .map(f -> f.getFileName().toString()))
                    .containsExactly("RuleCompiler.java");
        }
    }

    @Test
    void engineKnowsNoExpressionLanguage() throws IOException {
        assertThat(sources(MAIN.resolve("internal/engine")))
                .noneMatch(f -> imports(f, "io.rulegrid.rules.internal.lang") && !f.endsWith("RuleSetCompiler.java"));
    }
}
