package io.rulegrid.cli;

import io.rulegrid.client.EvaluationOptions;
import io.rulegrid.client.GridEvaluation;
import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rulegrid evaluate NS KEY --ruleset NAME [--input JSON]}: one evaluation on the fact's owner. */
@Command(name = "evaluate", description = {"Evaluate a ruleset over one fact on the member that owns it.",
    "Prints the result as JSON, as eval does, with the ruleset version and the member that ran it."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "NAMESPACE")
    String namespace;

    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    @Option(names = "--ruleset", required = true, paramLabel = "NAME")
    String ruleset;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "the call's parameters, a JSON object")
    String input;

    @Override
    public Integer call() {
        // the command prints the fact as the evaluation left it
        EvaluationOptions options = EvaluationOptions.defaults().input(JsonArgument.object(input, "--input"))
                .returnFact(true);
        try (RuleGridClient grid = cluster.connect()) {
            GridEvaluation evaluation = grid.namespace(namespace).evaluate(key, ruleset, options);
            Map<String, Object> json = ResultJson.of(evaluation.resultOrThrow());
            json.put("version", evaluation.version());
            json.put("member", evaluation.member());
            spec.commandLine().getOut().println(ResultJson.text(json));
        }
        return 0;
    }
}
