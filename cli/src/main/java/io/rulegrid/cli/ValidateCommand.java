package io.rulegrid.cli;

import io.rulegrid.api.CompileError;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rulegrid validate FILE…}: compiles rule files and reports every error. */
@Command(name = "validate", description = {"Compile rule files and report every error as FILE:LINE:COLUMN: rule \"NAME\": message.",
    ".grl files are RGL; .yml, .yaml and .json files are Easy Rules rule files."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "rule files")
    List<Path> files;

    @Override
    public Integer call() {
        int exit = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println(file + ": no such file");
                exit = RuleGridCli.ERROR;
                continue;
            }
            try {
                RuleSet rules = RuleCompiler.compile(file.getFileName().toString(), RuleCompiler.read(file));
                spec.commandLine().getOut().println("ok " + file + ": ruleset " + rules.name() + ", "
                        + rules.definition().rules().size() + " rules");
            } catch (RuleCompilationException e) {
                e.errors().stream().map(CompileError::toString).forEach(spec.commandLine().getErr()::println);
                exit = RuleGridCli.ERROR;
            }
        }
        return exit;
    }
}
