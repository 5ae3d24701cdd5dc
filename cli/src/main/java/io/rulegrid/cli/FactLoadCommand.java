package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rulegrid fact load NS FILE [--key-field FIELD] [--format jsonl|json|csv]}. */
@Command(name = "load", description = {
    "Store the facts of a file, 1,000 per call. A bad record is skipped whole",
    "and listed as FILE:LINE: reason on stderr; the rest is loaded, and the exit",
    "code is 1 if any was skipped.",
    "Formats: JSON lines (.jsonl, .ndjson), one JSON array (.json), CSV with a",
    "header row (.csv). CSV cells: empty = field absent, a JSON number = a number",
    "(007 stays text), true/false = booleans, else a string; the key column stays",
    "text. Without --key-field each record is {\"key\":...,\"fact\":{...}}, as",
    "'fact export' writes it."})
final class FactLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAMESPACE")
    String namespace;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(names = "--key-field", paramLabel = "FIELD",
            description = "the field of each fact holding its key (a string or a whole number)")
    String keyField;

    @Option(names = "--format", paramLabel = "jsonl|json|csv",
            description = "the file's format (default: told from its extension)")
    FactFormat format;

    @Override
    public Integer call() throws IOException {
        FactKeys keys = keyField == null ? FactKeys.exportRecords() : FactKeys.inField(keyField);
        FactFormat fileFormat = format == null ? FactFormat.of(file) : format;
        try (FileChannel channel = InputFiles.open(file);
             Reader text = Channels.newReader(channel, StandardCharsets.UTF_8);
             RecordReader records = fileFormat.open(text, keys);
             RuleGridClient grid = cluster.connect()) {
            FactLoader loader = new FactLoader(grid.namespace(namespace), keys,
                    LoadProgress.of(channel, spec.commandLine().getErr()));
            return loader.load(records).print(namespace, file.toString(), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
    }
}
