package io.jwsp.cli.trace;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.ExitCode;
import io.jwsp.cli.JsonOption;
import io.jwsp.cli.JwspSubcommand;
import io.jwsp.cli.matrix.CloseRow;
import io.jwsp.cli.matrix.RowResult;
import io.jwsp.cli.matrix.RowRun;
import io.jwsp.cli.out.Json;
import io.jwsp.cli.out.Progress;
import io.jwsp.cli.setup.JarOption;
import io.jwsp.cli.setup.ProviderDirectory;
import io.jwsp.cli.setup.SettingsOption;
import io.jwsp.spi.WspProviderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwsp trace}: one row of the close matrix as a sequence diagram of the frames on the wire. */
@Command(name = "trace",
        mixinStandardHelpOptions = true,
        header = "Draw one row of the close matrix as a sequence diagram of the frames on the wire.",
        description = {
            "Run one row of the close matrix on one provider and draw it as a sequence diagram: the two "
                    + "endpoints as columns, the frames between them (DATA, FIN, RST, DISCONNECT, RELEASE, credits "
                    + "...) with their times, and what the application called and got.",
            "",
            "Example:  jwsp trace --provider atm --row send-close --svg atm-race.svg"})
public final class TraceCommand extends JwspSubcommand {
    @Mixin
    JsonOption json;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "The provider to trace; with --jar it may be left out when the jar holds one provider.")
    String provider;

    @Option(names = "--row", required = true, paramLabel = "ROW",
            description = "The row: a number 1-7 or an id (default, linger0, linger-read, linger-stall, "
                    + "nonblocking, shutdown, send-close).")
    String row;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also write the diagram as an SVG picture to FILE.")
    Path svg;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "Also write the frames' bytes to FILE as pcapng, for Wireshark or tshark.")
    Path pcap;

    @Option(names = "--all-frames", description = "Draw every frame; by default runs of the same frame fold into one arrow.")
    boolean allFrames;

    @Option(names = "--ascii", description = "Draw with ASCII characters only.")
    boolean ascii;

    @Mixin
    SettingsOption settings;

    @Mixin
    JarOption jar;

    @Override
    public Integer call() {
        CloseRow r = CloseRow.find(row);
        if (r == null) {
            throw CliFailure.usage("unknown row '" + row + "'; rows: " + CloseRow.ids());
        }
        ProviderDirectory dir = jar.directory();
        WspProviderFactory factory;
        if (provider != null) {
            factory = dir.require(provider);
        } else if (jar.jar() != null) {
            factory = jar.jar().pick(null, "--provider");
        } else {
            throw CliFailure.usage("name the provider to trace: --provider NAME (or --jar PATH)");
        }
        String name = factory.name();
        Map<String, String> user = settings.settings(dir);
        RowResult result;
        try (Progress progress = new Progress(printer(), "trace")) {
            progress.step(name + ": " + r.title());
            result = new RowRun(factory, r, user, pcap).run();
        }
        SequenceDiagram d = SequenceDiagram.of(result, !allFrames);
        if (svg != null) {
            try {
                Files.writeString(svg, SvgDiagram.render(d), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliFailure.environment("cannot write " + svg + ": " + e.getMessage());
            }
        }
        if (json.on()) {
            List<Json> steps = new ArrayList<>();
            for (SequenceDiagram.Step s : d.steps()) {
                switch (s) {
                    case SequenceDiagram.Arrow a -> steps.add(Json.object().put("timeNanos", a.timeNanos())
                            .put("from", column(d, a.from())).put("to", column(d, a.to())).put("kind", a.kind())
                            .put("count", a.count()).put("bytes", a.bytes()).put("detail", a.detail()));
                    case SequenceDiagram.Marker m -> steps.add(Json.object().put("timeNanos", m.timeNanos())
                            .put("at", column(d, m.column())).put("note", m.text()));
                }
            }
            printer().json(Json.object().put("provider", name).put("row", r.id())
                    .put("clock", d.virtualTime() ? "virtual" : "real").put("columns", d.columns())
                    .put("steps", steps).put("result", result.toJson()));
        } else {
            for (String line : TextDiagram.render(d, ascii)) {
                printer().line(line);
            }
            if (result.ran()) {
                printer().line("");
                printer().line("close " + result.close() + ", waited " + result.waitedText() + ", " + result.closeType()
                        + "; peer read " + result.peerText() + ", then " + result.peerEnd() + "; FD_CLOSE at peer "
                        + result.fdCloseText() + "; TIME_WAIT " + result.timeWait());
            }
            if (svg != null) {
                printer().note("wrote " + svg);
            }
            if (pcap != null) {
                printer().note("wrote " + pcap);
            }
        }
        if (!result.ran()) {
            printer().note("trace: the row did not run to its end: " + result.error());
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    private static String column(SequenceDiagram d, int i) {
        return i >= 0 && i < d.columns().size() ? d.columns().get(i) : null;
    }
}
