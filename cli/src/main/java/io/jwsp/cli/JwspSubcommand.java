package io.jwsp.cli;

import io.jwsp.cli.out.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every jwsp subcommand shares: {@code --json}, and a printer on the command line's own streams. */
public abstract class JwspSubcommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON (one line) instead of text.")
    protected boolean json;

    private Printer printer;

    protected Printer printer() {
        if (printer == null) {
            printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return printer;
    }
}
