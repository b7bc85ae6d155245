package dev.edr.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code edr} command. Exit codes: 0 ok, 1 findings/errors, 2 usage, 3 internal failure. */
@Command(name = "edr", mixinStandardHelpOptions = true, version = "edr 0.1.0",
        description = "Sigma detection-and-response engine.",
        subcommands = {ValidateCommand.class, ScanCommand.class, DemoCommand.class, RespondCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (validate, scan, demo, respond)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            err.println("edr: internal error: " + describe(ex));
            if (verbose) {
                ex.printStackTrace(err);
            } else {
                err.println("edr: run again with --verbose for details to include in a bug report");
            }
            return INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("edr: " + ex.getMessage());
            err.println("Try 'edr " + (ex.getCommandLine().getCommandName().equals("edr") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return USAGE;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            err.println("edr: internal error: " + e);
            code = INTERNAL;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Reports the first path that does not exist; true when all exist. */
    static boolean allExist(Iterable<java.nio.file.Path> paths, PrintWriter err, String command) {
        for (java.nio.file.Path p : paths) {
            if (!java.nio.file.Files.exists(p)) {
                err.println("edr " + command + ": no such file or directory: " + p);
                return false;
            }
        }
        return true;
    }

    private static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
