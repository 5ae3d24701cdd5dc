package io.rulegrid.cli;

import io.rulegrid.api.Facts;
import io.rulegrid.client.Namespace;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.testkit.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rulegrid fact load} and {@code fact export} against a real 1-member cluster. */
class FactFilesTest {

    private static LocalCluster cluster;
    private static RuleGridClient grid;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(1);
        grid = RuleGridClient.builder().clusterName(cluster.clusterName())
                .members(cluster.addresses().toArray(String[]::new)).connect();
    }

    @AfterAll
    static void stopCluster() {
        grid.close();
        cluster.close();
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Map<String, Object> fact(Namespace namespace, String key) {
        return namespace.get(key).orElseThrow(() -> new AssertionError("no fact " + key + " in " + namespace));
    }

    @Test
    void loadsJsonLinesKeyedByAField() throws IOException {
        Path lines = file("products.jsonl", """
                {"sku":"A-1","price":10.0,"tags":["x"]}

                {"sku":"A-2","price":12,"stock":{"eu":3}}
                {"sku":7,"price":1.5}
                """);

        CliRun run = CliRun.on(cluster, "fact", "load", "jsonl", lines.toString(), "--key-field", "sku");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("loaded 3 facts into jsonl from " + lines + " in ");
        Namespace jsonl = grid.namespace("jsonl");
        assertThat(jsonl.size()).isEqualTo(3);
        assertThat(fact(jsonl, "A-2")).isEqualTo(Facts.parse("{\"sku\":\"A-2\",\"price\":12,\"stock\":{\"eu\":3}}"));
        assertThat(fact(jsonl, "7")).isEqualTo(Facts.parse("{\"sku\":7,\"price\":1.5}"));
    }

    @Test
    void loadsAJsonArrayAndMoreThanOneBatch() throws IOException {
        int count = FactLoader.BATCH_SIZE * 2 + 5;
        String array = IntStream.range(0, count).mapToObj(i -> "{\"id\":\"p-" + i + "\",\"n\":" + i + "}")
                .reduce((a, b) -> a + ",\n" + b).orElseThrow();

        CliRun run = CliRun.on(cluster, "fact", "load", "array", file("all.json", "[\n" + array + "\n]\n").toString(),
                "--key-field", "id");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("loaded 2,005 facts into array");
        Namespace loaded = grid.namespace("array");
        assertThat(loaded.size()).isEqualTo(count);
        assertThat(fact(loaded, "p-2004")).isEqualTo(Map.of("id", "p-2004", "n", 2004L));
    }

    @Test
    void loadsCsvWithTypedCells() throws IOException {
        Path csv = file("items.csv", """
                id,price,qty,active,note,code
                42,10.5,3,true,,007
                B-1,-2e2,0,false,"a, quoted
                note",x

                """);

        CliRun run = CliRun.on(cluster, "fact", "load", "csv", csv.toString(), "--key-field", "id");

        assertThat(run.exit()).isZero();
        Namespace items = grid.namespace("csv");
        assertThat(fact(items, "42")).isEqualTo(Map.of("id", "42", "price", 10.5, "qty", 3L, "active", true,
                "code", "007"));
        assertThat(fact(items, "B-1")).isEqualTo(Map.of("id", "B-1", "price", -200L, "qty", 0L, "active", false,
                "note", "a, quoted\nnote", "code", "x"));
    }

    @Test
    void badRecordsAreSkippedWithTheirLinesAndNothingOfThemIsStored() throws IOException {
        Path lines = file("bad.jsonl", """
                {"sku":"A-1","price":1}
                {"sku":"A-2","price":
                [1,2]
                {"price":3}
                {"sku":"A-1","price":4}
                {"sku":{"x":1}}
                {"sku":"A-3","price":5}
                """);

        CliRun run = CliRun.on(cluster, "fact", "load", "bad", lines.toString(), "--key-field", "sku");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("loaded 2 facts into bad");
        assertThat(run.err().lines()).hasSize(6);
        assertThat(run.err().lines().toList().subList(0, 5)).satisfiesExactly(
                line -> assertThat(line).startsWith(lines + ":2: malformed JSON"),
                line -> assertThat(line).isEqualTo(lines + ":3: a fact must be a JSON object but was an array"),
                line -> assertThat(line).isEqualTo(lines + ":4: key field \"sku\" is missing"),
                line -> assertThat(line).isEqualTo(lines + ":5: duplicate key \"A-1\": the fact of line 1 is the"
                        + " one loaded"),
                line -> assertThat(line).isEqualTo(lines + ":6: key field \"sku\" must be a string or a whole"
                        + " number, not an object"));
        assertThat(run.err()).endsWith("skipped 5 records of " + lines + ": nothing of them is stored (exit code 1)\n");
        Namespace bad = grid.namespace("bad");
        assertThat(bad.size()).isEqualTo(2);
        assertThat(fact(bad, "A-1")).isEqualTo(Map.of("sku", "A-1", "price", 1L));
        assertThat(bad.get("A-2")).isEmpty();
    }

    @Test
    void badCsvRowsAndArrayElementsAreSkippedWithTheirLines() throws IOException {
        Path csv = file("rows.csv", "sku,price\nC-1,1\nC-2,2,extra\n,3\nC-4,4\n");
        Path array = file("elements.json", "[{\"sku\":\"J-1\"},\n\"text\",\n{\"sku\":\"J-3\"},\n{\"sku\" \"J-4\"},\n"
                + "{\"sku\":\"J-5\"}]");

        CliRun rows = CliRun.on(cluster, "fact", "load", "rows", csv.toString(), "--key-field", "sku");
        CliRun elements = CliRun.on(cluster, "fact", "load", "elements", array.toString(), "--key-field", "sku");

        assertThat(rows.exit()).isEqualTo(1);
        assertThat(rows.err()).contains(csv + ":3: Too many entries").contains(csv + ":4: key field \"sku\" is missing");
        assertThat(grid.namespace("rows").size()).isEqualTo(2);
        assertThat(elements.exit()).isEqualTo(1);
        assertThat(elements.err()).contains(array + ":2: a fact must be a JSON object")
                .contains(array + ":4: malformed JSON").contains("the rest of the file is not read");
        assertThat(grid.namespace("elements").size()).isEqualTo(2);
    }

    @Test
    void filesTheLoaderCannotReadFailBeforeConnecting() throws IOException {
        CliRun unknown = CliRun.run("fact", "load", "x", file("facts.txt", "{}").toString(), "--key-field", "id",
                "--cluster", "127.0.0.1:1");
        CliRun csvWithoutKey = CliRun.run("fact", "load", "x", file("facts.csv", "id\n1\n").toString(),
                "--cluster", "127.0.0.1:1");

        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("give --format jsonl|json|csv");
        assertThat(csvWithoutKey.exit()).isEqualTo(1);
        assertThat(csvWithoutKey.err()).isEqualTo("a CSV file needs --key-field naming the column of the keys\n");
    }

    @Test
    void anExportLoadsBackIntoAnotherNamespaceWithEqualFacts() throws IOException {
        Namespace source = grid.namespace("source");
        Map<String, Map<String, Object>> facts = new LinkedHashMap<>();
        facts.put("k-2", Facts.parse("{\"price\":1.25,\"tags\":[\"a\",\"b\"],\"nested\":{\"n\":null}}"));
        facts.put("k-1", Facts.parse("{\"big\":12345678901234567890.5,\"line\":\"one\\ntwo\"}"));
        facts.put("k-3", Facts.parse("{}"));
        source.putAll(facts);
        Path export = dir.resolve("export.jsonl");

        CliRun exported = CliRun.on(cluster, "fact", "export", "source", "--output", export.toString());
        CliRun loaded = CliRun.on(cluster, "fact", "load", "copy", export.toString());

        assertThat(exported.exit()).isZero();
        assertThat(exported.err()).startsWith("exported 3 facts of source in ");
        assertThat(Files.readAllLines(export)).hasSize(3).first().asString().startsWith("{\"key\":\"k-1\",\"fact\":{");
        assertThat(loaded.exit()).isZero();
        Map<String, Map<String, Object>> copied = new HashMap<>();
        facts.keySet().forEach(key -> copied.put(key, fact(grid.namespace("copy"), key)));
        assertThat(copied).isEqualTo(facts);
    }

    @Test
    void exportWhereWritesTheMatchingFactsInKeyOrderToStdout() {
        Namespace shelf = grid.namespace("shelf");
        shelf.putAll(Map.of("b", Map.of("price", 20L), "a", Map.of("price", 15L), "c", Map.of("price", 5L)));

        CliRun run = CliRun.on(cluster, "fact", "export", "shelf", "--where", "price > 10");

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly("{\"key\":\"a\",\"fact\":{\"price\":15}}",
                "{\"key\":\"b\",\"fact\":{\"price\":20}}");
        assertThat(CliRun.on(cluster, "fact", "export", "shelf", "--where", "price >").err())
                .startsWith("--where \"price >\" does not parse");
        assertThat(List.of(CliRun.on(cluster, "fact", "export", "empty").out())).containsExactly("");
    }
}
