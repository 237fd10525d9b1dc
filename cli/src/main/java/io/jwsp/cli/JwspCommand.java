package io.jwsp.cli;

import io.jwsp.cli.bench.BenchCommand;
import io.jwsp.cli.catalog.CatalogCommand;
import io.jwsp.cli.matrix.CloseMatrixCommand;
import io.jwsp.cli.netcat.ListenCommand;
import io.jwsp.cli.netcat.SendCommand;
import io.jwsp.cli.selftest.SelftestCommand;
import io.jwsp.cli.trace.TraceCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code jwsp <command>}. */
@Command(name = "jwsp",
        mixinStandardHelpOptions = true,
        versionProvider = JarVersion.class,
        description = {
            "Windows Sockets 2 service providers in Java: a Winsock-style API over a catalog of pluggable "
                    + "providers (@PROVIDERS@).",
            "",
            "Start with:  jwsp close-matrix    (how every provider closes a connection, live)"},
        subcommands = {CatalogCommand.class, CloseMatrixCommand.class, TraceCommand.class, ListenCommand.class,
            SendCommand.class, SelftestCommand.class, BenchCommand.class},
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  success",
            "  1  a run failed or did not match (a matrix row, a TCK case)",
            "  2  usage error (unknown option, bad value, unknown provider, a --set key or value the provider "
                    + "rejects)",
            "  3  connection error (refused, reset, timed out, address in use: a provider's UDP port taken too)",
            "  4  environment (provider unavailable, unreadable jar, no JDK 25)"})
public final class JwspCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code jwsp} alone: a usage error, said briefly, not the whole help. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("jwsp: name a command: "
                + String.join(", ", spec.commandLine().getSubcommands().keySet()));
        spec.commandLine().getErr().println(Main.tryHelp("jwsp"));
        spec.commandLine().getErr().flush();
        return ExitCode.USAGE;
    }
}
