package io.jwsp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The entry point of the jwsp command (the launcher script {@code ./jwsp} runs this class). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
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
        io.jwsp.cli.netcat.CrossProcess.addTo(cl);
        cl.setUsageHelpWidth(110); // room for the example command lines without breaking them
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true); // picocli answers 2 for usage errors, as ExitCode.USAGE says
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            String cmd = line.getCommandSpec().qualifiedName();
            if (ex instanceof CliFailure f) {
                line.getErr().println(cmd + ": " + f.getMessage());
                if (f.exitCode() == ExitCode.USAGE) {
                    line.getErr().println("Try '" + cmd + " --help' for more information.");
                }
                line.getErr().flush();
                return f.exitCode();
            }
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            line.getErr().println(cmd + ": internal error: " + ex);
            line.getErr().println(trace);
            line.getErr().flush();
            return ExitCode.FAILURE;
        });
        return cl;
    }

    /** Providers log through SLF4J; the command shows warnings only unless the user asked for more. */
    private static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            String level = System.getenv("JWSP_LOG");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level == null ? "warn" : level);
        }
    }
}
