package io.jwsp.cli.selftest;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.ExitCode;
import io.jwsp.cli.JsonOption;
import io.jwsp.cli.JwspSubcommand;
import io.jwsp.cli.out.Json;
import io.jwsp.cli.out.Progress;
import io.jwsp.cli.out.TextTable;
import io.jwsp.cli.setup.ProviderDirectory;
import io.jwsp.cli.setup.ProviderJar;
import io.jwsp.cli.setup.SettingsOption;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.testkit.tck.PeerEnd;
import io.jwsp.testkit.tck.ProviderUnderTest;
import io.jwsp.testkit.tck.TckCase;
import io.jwsp.testkit.tck.TckReport;
import io.jwsp.testkit.tck.TckRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwsp selftest}: the conformance suite against one provider, outside Maven, for third parties too. */
@Command(name = "selftest",
        mixinStandardHelpOptions = true,
        header = "Run the provider conformance suite (TCK) against a provider, outside Maven.",
        description = {
            "Run every TCK case (required_* and optional_*) against a provider and print each result and the "
                    + "counts. A provider is conformant when no required case fails.",
            "",
            "--provider NAME takes one of the providers shipped with jwsp. --jar PATH loads a provider from your own "
                    + "jar (ServiceLoader, META-INF/services/io.jwsp.spi.WspProviderFactory); describe it with "
                    + "--listen and the quirk options below, as your own ProviderTck subclass would. The TCK turns "
                    + "--listen into an address through the provider's WSPStringToAddress, so a provider from a jar "
                    + "must answer WspProvider.stringToAddress for its own address syntax.",
            "",
            "Examples:  jwsp selftest --provider loopback",
            "           jwsp selftest --jar my-provider.jar --listen 127.0.0.1:0"},
        footer = {"", "Exit status 0 when conformant, 1 when a required case failed."})
public final class SelftestCommand extends JwspSubcommand {
    @Mixin
    JsonOption json;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the provider comes from. */
    static final class Source {
        @Option(names = "--provider", paramLabel = "NAME", description = "A provider shipped with jwsp.")
        String provider;

        @Option(names = "--jar", paramLabel = "PATH",
                description = "A jar (or classes directory) holding your provider and what it needs beyond jwsp.")
        Path jar;
    }

    @Option(names = "--name", paramLabel = "NAME",
            description = "With --jar: the provider in the jar to test, when it holds more than one.")
    String nameInJar;

    @Option(names = "--listen", paramLabel = "ADDRESS",
            description = "Where the TCK's listeners bind (port 0 or its equivalent), in the provider's own syntax. "
                    + "Default: the shipped provider's own; 127.0.0.1:0 or [::1]:0 for an IP provider from a jar, "
                    + "the empty name otherwise.")
    String listen;

    @Option(names = "--real-time", description = "Run on the real clock (a provider over real sockets); default: virtual.")
    boolean realTime;

    @Option(names = "--hard-close-end", paramLabel = "reset|eof|disconnect",
            description = "What the peer's recv sees after a hard close (default: reset).")
    PeerEnd hardCloseEnd;

    @Option(names = "--graceful-end", paramLabel = "reset|eof|disconnect",
            description = "What the peer's recv sees after a graceful close (default: eof).")
    PeerEnd gracefulEnd;

    @Option(names = "--no-flow-control", description = "A peer that stops reading never pushes back (ATM).")
    boolean noFlowControl;

    @Option(names = "--close-may-overtake", description = "A close right after a send may lose the tail (ATM).")
    boolean closeMayOvertake;

    @Option(names = "--no-time-wait",
            description = "A graceful close never enters TIME_WAIT (default: it does when the entry has XP1_GRACEFUL_CLOSE).")
    boolean noTimeWait;

    @Option(names = "--only", paramLabel = "TEXT", description = "Run only the cases whose name contains TEXT.")
    String only;

    @Option(names = "--verbose", description = "List every case, not only failures and skips.")
    boolean verbose;

    @Mixin
    SettingsOption settings;

    @Override
    public Integer call() {
        ProviderUnderTest subject;
        if (source.provider != null) {
            ProviderDirectory dir = ProviderDirectory.builtIn();
            WspProviderFactory f = dir.require(source.provider);
            subject = Subjects.shipped(f, settings.settings(dir), listen);
        } else {
            ProviderJar jar = ProviderJar.open(source.jar);
            WspProviderFactory f = jar.pick(nameInJar, "--name");
            Map<String, String> user = settings.settings(jar.directory());
            subject = Subjects.custom(f, user, listen, !realTime, hardCloseEnd, gracefulEnd, !noFlowControl,
                    closeMayOvertake, !noTimeWait);
        }
        if (!subject.factory().availability().available()) {
            throw CliFailure.environment("provider '" + subject.factory().name() + "' is not available here: "
                    + subject.factory().availability().reason());
        }
        Predicate<String> include = only == null ? n -> true : n -> n.contains(only);
        TckReport report;
        try (Progress progress = new Progress(printer(), "selftest")) {
            progress.step(subject.factory().name() + ": running the TCK");
            report = TckRunner.run(subject, include);
        }
        if (report.cases().isEmpty()) {
            throw CliFailure.failed("no TCK case ran" + (only != null ? " (nothing matches --only " + only + ")" : ""));
        }
        if (json.on()) {
            printer().json(Json.object()
                    .put("provider", subject.factory().name())
                    .put("conformant", report.conformant())
                    .put("elapsedMillis", report.elapsed().toMillis())
                    .put("counts", counts(report))
                    .put("cases", report.cases().stream().map(c -> Json.object()
                            .put("name", c.name()).put("level", c.level().name().toLowerCase())
                            .put("status", c.status().name().toLowerCase()).put("detail", c.detail())
                            .put("millis", c.millis())).toList()));
        } else {
            print(report);
        }
        return report.conformant() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private void print(TckReport report) {
        TextTable t = new TextTable("LEVEL", "RESULT", "CASE", "DETAIL");
        for (TckCase.Level level : TckCase.Level.values()) {
            for (TckCase c : report.cases()) {
                if (c.level() == level && (verbose || c.status() != TckCase.Status.PASSED)) {
                    String detail = c.detail() == null ? "" : c.detail().replace('\n', ' ');
                    t.row(level.name().toLowerCase(), c.status().name(), c.name(),
                            detail.length() > 100 ? detail.substring(0, 97) + "..." : detail);
                }
            }
        }
        if (t.size() > 0) {
            printer().table(t);
            printer().line("");
        }
        printer().line(report.summary());
        printer().line(report.conformant() ? "conformant: no required case failed"
                : "NOT conformant: a required case failed");
    }

    private static Json counts(TckReport r) {
        Json out = Json.object();
        for (TckCase.Level l : TckCase.Level.values()) {
            Json c = Json.object();
            for (TckCase.Status s : TckCase.Status.values()) {
                c.put(s.name().toLowerCase(), r.count(l, s));
            }
            out.put(l.name().toLowerCase(), c);
        }
        return out;
    }
}
