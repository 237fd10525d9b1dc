package io.jwsp.cli.out;

import java.io.PrintWriter;

/**
 * Where a command's output goes: results on {@code out}, progress and diagnostics on {@code err}, so that
 * {@code jwsp ... --json | jq} keeps working while progress is shown.
 */
public final class Printer {
    private final PrintWriter out;
    private final PrintWriter err;

    public Printer(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** One line of the result. */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void json(Object value) {
        line(value instanceof Json j ? j.toString() : Json.write(value));
    }

    public void table(TextTable table) {
        for (String l : table.lines()) {
            out.println(l);
        }
        out.flush();
    }

    /** A note for the person at the terminal (progress, where a listener is bound). */
    public void note(String text) {
        err.println(text);
        err.flush();
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
