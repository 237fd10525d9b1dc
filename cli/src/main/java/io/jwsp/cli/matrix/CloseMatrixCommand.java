package io.jwsp.cli.matrix;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.ExitCode;
import io.jwsp.cli.JsonOption;
import io.jwsp.cli.JwspSubcommand;
import io.jwsp.cli.out.Json;
import io.jwsp.cli.out.Progress;
import io.jwsp.cli.out.TextTable;
import io.jwsp.cli.setup.JarOption;
import io.jwsp.cli.setup.ProviderDirectory;
import io.jwsp.cli.setup.SettingsOption;
import io.jwsp.spi.WspProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwsp close-matrix}: every row of the close/linger table, run live on every provider, in one table. */
@Command(name = "close-matrix",
        mixinStandardHelpOptions = true,
        header = "Run every row of the close/linger table live on every provider, in one table.",
        description = {
            "Run every row of the close/linger table live on each provider and print one table: what "
                    + "closesocket returned, how long it waited (real or virtual time), the close type the provider "
                    + "reported, how many bytes the peer read and how its stream ended, whether FD_CLOSE reached the "
                    + "peer, and whether the closing side is in TIME_WAIT.",
            "",
            "Rows: default close; linger(1,0); linger(1,N) with a peer that reads; linger(1,N) with a peer that "
                    + "has stopped reading; nonblocking with linger(1,N); shutdown(SD_SEND) then close; send then "
                    + "close at once. N is 1 s on tcp (real sockets on 127.0.0.1, real time) and 5 s on the "
                    + "simulated providers (virtual clock: a 5 s wait costs microseconds).",
            "",
            "Exit status 1 when a row could not run."})
public final class CloseMatrixCommand extends JwspSubcommand {
    @Mixin
    JsonOption json;

    private static final Logger LOG = LoggerFactory.getLogger(CloseMatrixCommand.class);
    /** The order the matrix shows the shipped providers in; others follow in catalog order. */
    static final List<String> SHIPPED = List.of("loopback", "tcp", "irda", "atm");

    @Option(names = "--provider", paramLabel = "NAME",
            description = "A provider to run (repeatable). Default: every provider found (loopback, tcp, irda, atm, "
                    + "sample), or with --jar the jar's own.")
    List<String> providers = List.of();

    @Option(names = "--row", paramLabel = "ROW",
            description = "Run only this row (repeatable): a number or an id (${COMPLETION-CANDIDATES}).",
            completionCandidates = RowIds.class)
    List<String> rows = List.of();

    @Option(names = "--pcap", paramLabel = "DIR",
            description = "Also write each row's frames as pcapng to DIR/<provider>-<row>.pcapng (for Wireshark).")
    Path pcapDir;

    @Mixin
    SettingsOption settings;

    @Mixin
    JarOption jar;

    /** The row ids for --help. */
    static final class RowIds extends ArrayList<String> {
        RowIds() {
            for (CloseRow r : CloseRow.values()) {
                add(r.id());
            }
        }
    }

    @Override
    public Integer call() {
        ProviderDirectory dir = jar.directory();
        // With --jar and no --provider: the jar's own providers, the rows an author wants to see.
        List<WspProviderFactory> chosen = jar.jar() != null && providers.isEmpty() ? jar.jar().own()
                : choose(dir, providers);
        List<CloseRow> chosenRows = rows(rows);
        Map<String, String> user = settings.settings(dir);
        List<RowResult> results = new ArrayList<>();
        try (Progress progress = new Progress(printer(), "close-matrix")) {
            for (WspProviderFactory f : chosen) {
                for (CloseRow r : chosenRows) {
                    progress.step(f.name() + ": " + r.title());
                    results.add(new RowRun(f, r, user, pcapFile(f, r)).run());
                }
            }
        }
        long failed = results.stream().filter(r -> !r.ran()).count();
        if (json.on()) {
            printer().json(Json.object()
                    .put("providers", chosen.stream().map(WspProviderFactory::name).toList())
                    .put("rows", results.stream().map(RowResult::toJson).toList())
                    .put("failed", failed));
        } else {
            print(results);
        }
        return failed == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }

    private Path pcapFile(WspProviderFactory f, CloseRow r) {
        if (pcapDir == null) {
            return null;
        }
        try {
            Files.createDirectories(pcapDir);
        } catch (IOException e) {
            throw CliFailure.environment("cannot create " + pcapDir + ": " + e.getMessage());
        }
        return pcapDir.resolve(f.name() + "-" + r.id() + ".pcapng");
    }

    /** One line per shipped provider: the quirk its rows show (DESIGN.md, "Provider quirks on top of the table"). */
    private static final Map<String, String> QUIRKS = Map.of(
            "loopback", "in memory with bounded buffers: the table exactly, TIME_WAIT included.",
            "tcp", "the kernel's TCP on 127.0.0.1: queued data is what the kernel has not had acknowledged; a hard "
                    + "close is an RST.",
            "irda", "no RST and no TIME_WAIT: a hard close is a truncated stream, then EOF; a disconnect waits "
                    + "behind the data already queued.",
            "atm", "RELEASE takes a faster path than the cells and overtakes data still in flight (lost); every "
                    + "call ends in WSAEDISCON; no TIME_WAIT.");

    private void print(List<RowResult> results) {
        printer().line("jwsp close-matrix: each row of the close/linger table, run live on each provider");
        printer().line("");
        TextTable t = new TextTable("PROVIDER", "ROW", "CLOSE", "WAITED", "CLOSE TYPE", "PEER READ", "PEER END",
                "FD_CLOSE AT PEER", "TIME_WAIT");
        for (RowResult r : results) {
            t.row(r.provider(), r.row().title(), r.ran() ? r.close() : "ROW FAILED", r.waitedText(), r.closeType(),
                    r.peerText(), r.peerEnd(), r.fdCloseText(), r.timeWait());
        }
        printer().table(t);
        printer().line("");
        printer().line("N = 1 s on tcp (real sockets on 127.0.0.1), 5 s on the simulated providers (virtual clock).");
        printer().line("PEER READ = bytes the peer read / bytes the closing side's sends accepted.");
        results.stream().map(RowResult::provider).distinct().filter(QUIRKS::containsKey)
                .forEach(p -> printer().line(String.format("%-9s %s", p + ":", QUIRKS.get(p))));
        for (RowResult r : results) {
            if (!r.ran()) {
                printer().line("FAILED " + r.provider() + " / " + r.row().title() + ": " + r.error());
            }
        }
    }

    /** The providers to run, in matrix order; unknown names are a usage error. */
    static List<WspProviderFactory> choose(ProviderDirectory dir, List<String> names) {
        if (!names.isEmpty()) {
            Set<String> unique = new LinkedHashSet<>(names);
            return unique.stream().map(dir::require).toList();
        }
        List<WspProviderFactory> out = new ArrayList<>();
        for (String s : SHIPPED) {
            dir.find(s).ifPresent(f -> {
                if (f.availability().available()) {
                    out.add(f);
                } else {
                    LOG.warn("{} is left out: {}", s, f.availability().reason());
                }
            });
        }
        for (WspProviderFactory f : dir.providers()) {
            if (!SHIPPED.contains(f.name()) && f.availability().available()) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            throw CliFailure.environment("no provider found on the class path");
        }
        return out;
    }

    static List<CloseRow> rows(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of(CloseRow.values());
        }
        List<CloseRow> out = new ArrayList<>();
        for (String id : ids) {
            CloseRow r = CloseRow.find(id);
            if (r == null) {
                throw CliFailure.usage("unknown row '" + id + "'; rows: " + CloseRow.ids());
            }
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
