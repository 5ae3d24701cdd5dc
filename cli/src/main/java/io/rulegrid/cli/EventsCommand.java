package io.rulegrid.cli;

import picocli.CommandLine.Command;

/**
 * {@code rulegrid events send} ({@link EventsSendCommand}) and {@code rulegrid events tail}
 * ({@link EventsTailCommand}): Kafka records in and out, to try the pipelines (docs/pipelines.md) by hand.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Send events to a Kafka topic, or print a topic's records.",
        subcommands = {EventsSendCommand.class, EventsTailCommand.class},
        footer = {"", "Kafka is --brokers HOST:PORT (default $KAFKA_BROKERS or 127.0.0.1:9092);",
            "when no broker answers within 5 s the command says so, naming the address,",
            "with exit code 1."})
final class EventsCommand {
}
