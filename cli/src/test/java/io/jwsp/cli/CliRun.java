package io.jwsp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the jwsp command line inside the test JVM: its exit status, stdout and stderr. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
