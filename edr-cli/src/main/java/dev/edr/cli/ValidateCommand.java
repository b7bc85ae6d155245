package dev.edr.cli;

import dev.edr.core.diag.Issue;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Load Sigma rule packs and report every problem with its location.",
                "Exit 0 when every rule loads, 1 when any has an error, 2 on usage errors."})
final class ValidateCommand implements Callable<Integer> {
    enum Format { text, json, sarif, junit }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "rule files or directories (recursed for .yml/.yaml)")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text", description = "text, json, sarif or junit (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--no-warnings", description = "list errors only")
    boolean noWarnings;

    @Option(names = "--verbose", description = "print details for bug reports")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Main.allExist(paths, err, "validate")) {
            return Main.USAGE;
        }
        long start = System.nanoTime();
        LoadResult result = RuleLoader.create().load(paths);
        ValidationSummary summary = ValidationSummary.of(result);
        List<Issue> shown = result.documents().stream()
                .flatMap(d -> d.issues().stream())
                .filter(i -> !noWarnings || i.isError())
                .toList();
        switch (format) {
            case text -> {
                for (Issue i : shown) {
                    out.println(IssueText.render(i));
                }
                out.println(summary.line());
                if (verbose) {
                    err.printf("edr validate: %d files in %d ms%n", summary.files(), (System.nanoTime() - start) / 1_000_000);
                }
            }
            case json -> ValidateReports.json(out, summary, shown);
            case sarif -> ValidateReports.sarif(out, shown);
            case junit -> ValidateReports.junit(out, result, (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return summary.withErrors() == 0 ? Main.OK : Main.FINDINGS;
    }
}
