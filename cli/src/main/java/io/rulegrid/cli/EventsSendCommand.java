package io.rulegrid.cli;

import io.rulegrid.api.Facts;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rulegrid events send TOPIC FILE [--key-field FIELD]}. */
@Command(name = "send", mixinStandardHelpOptions = true, description = {
    "Send each line of a JSON lines file (- for stdin) to a topic: the line's",
    "object, as compact JSON, is the record's value, and its --key-field the",
    "record's key (a string or a whole number), so that the events of one fact",
    "stay in one partition, in order. A line without that field is sent without",
    "a key. A malformed line is skipped and listed as FILE:LINE: reason on",
    "stderr; the exit code is then 1. Returns once every record is acknowledged",
    "by all in-sync replicas (acks=all)."})
final class EventsSendCommand implements Callable<Integer> {

    private static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Parameters(index = "1", paramLabel = "FILE", description = "JSON lines, or - for stdin")
    String file;

    @Option(names = "--key-field", paramLabel = "FIELD", defaultValue = "key",
            description = "the field holding each record's key (default: key, the fact key of a pipeline event)")
    String keyField;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long sent;
        long skipped = 0;
        try (RecordReader lines = new JsonLinesReader(open());
             Producer<String, String> producer = kafka.producer()) {
            KafkaAcknowledgements acks = new KafkaAcknowledgements();
            while (true) {
                ProducerRecord<String, String> record;
                try {
                    SourceRecord line = lines.next();
                    if (line == null) {
                        break;
                    }
                    record = new ProducerRecord<>(topic, key(line), Facts.toJson(line.fields()));
                } catch (BadRecordException bad) {
                    skipped++;
                    err.println(bad.describe(file));
                    continue;
                }
                send(producer, record, acks);
            }
            producer.flush();
            sent = require(acks);
        }
        spec.commandLine().getOut().printf("sent %,d events to %s (%,d skipped)%n", sent, topic, skipped);
        return skipped == 0 ? 0 : RuleGridCli.ERROR;
    }

    private Reader open() {
        if (file.equals(STDIN)) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        return Channels.newReader(InputFiles.open(Path.of(file)), StandardCharsets.UTF_8);
    }

    /** The line's key field as text, or {@code null} (no key) when the line has none. */
    private String key(SourceRecord line) throws BadRecordException {
        Object value = line.fields().get(keyField);
        return value == null ? null : FactKeys.key(value, "key field \"" + keyField + "\"", line.line());
    }

    private void send(Producer<String, String> producer, ProducerRecord<String, String> record,
                      KafkaAcknowledgements acks) {
        try {
            producer.send(record, acks);
        } catch (KafkaException e) {
            throw new CliException("cannot send to topic " + record.topic() + " at " + kafka.brokers() + ": "
                    + e.getMessage() + " (" + acks.acknowledged() + " events were sent before)", e);
        }
    }

    /**
     * The number of records acknowledged, once every send is answered.
     *
     * @throws CliException if any record was not acknowledged
     */
    private long require(KafkaAcknowledgements acks) {
        Exception failure = acks.firstFailure();
        if (failure != null) {
            throw new CliException(acks.failed() + " events were not sent to topic " + topic + " at "
                    + kafka.brokers() + " (" + acks.acknowledged() + " were): " + failure.getMessage(), failure);
        }
        return acks.acknowledged();
    }
}
