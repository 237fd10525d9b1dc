package io.jwsp.cli;

import io.jwsp.cli.out.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every jwsp subcommand shares: a printer on the command line's own streams. {@code --json} is each command's
 * own ({@link JsonOption} where it changes the output; listen and send print JSON only and say so).
 */
public abstract class JwspSubcommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    private Printer printer;

    protected Printer printer() {
        if (printer == null) {
            printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return printer;
    }
}
