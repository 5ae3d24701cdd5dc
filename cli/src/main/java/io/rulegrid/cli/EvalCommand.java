package io.rulegrid.cli;

import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rulegrid eval}: evaluates a rule file over one fact, offline. */
@Command(name = "eval", description = "Evaluate a rule file over one fact, offline, and print the result as JSON.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "rule file (.grl, .yml, .yaml, .json)")
    Path rules;

    @Option(names = "--fact", required = true, paramLabel = "JSON|@FILE", description = "the fact, a JSON object")
    String fact;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "the call's parameters, a JSON object")
    String input;

    @Override
    public Integer call() {
        RuleSet ruleSet = RuleCompiler.compileFile(rules);
        var result = ruleSet.evaluate(JsonArgument.object(fact, "--fact"), JsonArgument.object(input, "--input"));
        spec.commandLine().getOut().println(ResultJson.text(ResultJson.of(result)));
        return 0;
    }
}
