package io.jwsp.cli;

import io.jwsp.cli.log.CliLog;
import io.jwsp.cli.netcat.CrossProcess;
import io.jwsp.cli.setup.ProviderDirectory;
import java.io.PrintWriter;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The entry point of the jwsp command (the launcher script {@code ./jwsp} runs this class). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line and answers its exit status; used by {@link #main} and by the tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new JwspCommand());
        CrossProcess.addTo(cl);
        listProviders(cl);
        cl.setUsageHelpWidth(110); // room for the example command lines without breaking them
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            String cmd = line.getCommandSpec().qualifiedName();
            if (ex instanceof CliFailure f) {
                line.getErr().println(cmd + ": " + f.getMessage());
                if (f.exitCode() == ExitCode.USAGE) {
                    line.getErr().println(tryHelp(cmd));
                }
                line.getErr().flush();
                return f.exitCode();
            }
            // A bug of jwsp's own: one line here, the stack trace when the user asks for detail.
            line.getErr().println(cmd + ": internal error: " + ex
                    + (CliLog.threshold().toInt() <= Level.DEBUG.toInt() ? "" : " (JWSP_LOG=debug shows where)"));
            if (CliLog.threshold().toInt() <= Level.DEBUG.toInt()) {
                ex.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return ExitCode.FAILURE;
        });
        return cl;
    }

    /** A command line picocli cannot parse: the error, a suggestion when there is one, and where help is. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        String cmd = line.getCommandSpec().qualifiedName();
        PrintWriter err = line.getErr();
        err.println(cmd + ": " + ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u) {
            u.printSuggestions(err);
        }
        err.println(tryHelp(cmd));
        err.flush();
        return ExitCode.USAGE;
    }

    static String tryHelp(String cmd) {
        return "Try '" + cmd + " --help' for more information.";
    }

    /** The root help names the providers this build finds, so it never lags behind what ships. */
    private static void listProviders(CommandLine cl) {
        String[] d = cl.getCommandSpec().usageMessage().description();
        d[0] = d[0].replace("@PROVIDERS@", String.join(", ", ProviderDirectory.builtIn().names()));
        cl.getCommandSpec().usageMessage().description(d);
    }
}
