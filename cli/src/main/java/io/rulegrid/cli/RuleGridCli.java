package io.rulegrid.cli;

import io.rulegrid.api.RuleGridException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code rulegrid} command. Exit codes: 0 success, 1 a rule, fact, cluster or I/O error (message on
 * stderr), 2 a usage error.
 */
@Command(name = "rulegrid", mixinStandardHelpOptions = true, versionProvider = RuleGridCli.Version.class,
        description = "RuleGrid: rules evaluated where the facts live.",
        subcommands = {ValidateCommand.class, EvalCommand.class, DeployCommand.class, RulesetsCommand.class,
            FactCommand.class, EvaluateCommand.class, EvaluateAllCommand.class, StatsCommand.class,
            EventsCommand.class, PipelineCommand.class},
        footer = {"", "Cluster commands connect to --cluster HOST:PORT (default $RULEGRID_CLUSTER or 127.0.0.1:5701);",
            "when no member answers within 2 s they say so, naming the addresses and the cluster, with exit code 1.",
            "Run a member with: scripts/rulegrid node"})
public final class RuleGridCli {

    /** Exit code of a rule, fact, cluster or I/O error. */
    static final int ERROR = 1;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(new RuleGridCli(), out, err, args);
    }

    /**
     * Runs a picocli command the way {@code rulegrid} does: errors as one line on {@code err} with exit code 1,
     * usage errors with exit code 2.
     */
    public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(command);
        // JSON|@FILE options read the file themselves; picocli would otherwise expand @FILE into arguments
        line.setExpandAtFiles(false);
        // --format csv as well as CSV
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(message(e));
            return ERROR;
        });
        return line.execute(args);
    }

    private static String message(Exception e) {
        if (e instanceof RuleGridException || e instanceof java.io.UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof CliException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Prints the project version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RuleGridCli.class.getPackage().getImplementationVersion();
            return new String[] {"rulegrid " + (version == null ? "development build" : version)};
        }
    }
}
