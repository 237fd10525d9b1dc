package io.jwsp.cli;

import picocli.CommandLine.Option;

/** {@code --json}, for the commands whose output it changes from a text table to one JSON line. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON (one line) instead of text.")
    boolean on;

    public boolean on() {
        return on;
    }
}
