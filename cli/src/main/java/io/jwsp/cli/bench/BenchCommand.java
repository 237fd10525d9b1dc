package io.jwsp.cli.bench;

import io.jwsp.bench.QuickBench;
import io.jwsp.cli.ExitCode;
import io.jwsp.cli.JsonOption;
import io.jwsp.cli.JwspSubcommand;
import io.jwsp.cli.out.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwsp bench}: every benchmark and its anchors in one JMH run, reduced to ratios against the targets. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure jwsp against its anchors (JMH) and print the ratios.",
        description = {
            "Runs the JMH benchmarks of the benchmarks module in one run on this machine: loopback bulk "
                    + "throughput and 1-byte round trip against Netty's LocalChannel, a java.nio Pipe, a plain "
                    + "thread handoff and memory copy; the TCP provider against raw java.nio SocketChannels on "
                    + "127.0.0.1; connection churn; close latency with 0 and 64 MiB queued; the cost of one "
                    + "pass-through layer; heap per idle loopback socket; the cache-line round trip between two "
                    + "threads before and after (on a VM it follows the host's placement of the vCPUs, and the "
                    + "loopback rows with it).",
            "",
            "Machines are shared and noisy, so only ratios measured in the same run are quoted. The quick mode "
                    + "(default) takes about a minute and a half; --full takes several minutes more and adds a "
                    + "million loopback connections open at once on virtual threads, in a JVM of its own: heap per "
                    + "idle socket, time, peak threads and collections."})
public final class BenchCommand extends JwspSubcommand {
    @Mixin
    JsonOption json;

    @Option(names = "--full", description = "Longer warm-up and measurement (the run quoted in notes), and the "
            + "million-connection loopback run (JAVA_TOOL_OPTIONS=-Djwsp.bench.scaleConnections=N or "
            + "-Djwsp.bench.scaleHeap=8g change it).")
    boolean full;

    @Override
    public Integer call() throws Exception {
        List<QuickBench.Row> rows = QuickBench.run(!full, printer()::note);
        if (json.on()) {
            List<Json> out = new ArrayList<>();
            for (QuickBench.Row r : rows) {
                out.add(Json.object().put("metric", r.metric()).put("jwsp", r.jwsp()).put("anchor", r.anchor())
                        .put("unit", r.unit()).put("ratio", r.ratio()).put("target", r.target())
                        .put("met", r.met()));
            }
            printer().json(out);
        } else {
            printer().line(QuickBench.render(rows));
        }
        return rows.stream().allMatch(QuickBench.Row::met) ? ExitCode.OK : ExitCode.FAILURE;
    }
}
