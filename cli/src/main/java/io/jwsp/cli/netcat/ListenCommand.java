package io.jwsp.cli.netcat;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.ExitCode;
import io.jwsp.cli.JwspSubcommand;
import io.jwsp.cli.out.Json;
import io.jwsp.cli.out.Progress;
import io.jwsp.cli.setup.AddressText;
import io.jwsp.cli.setup.ProviderDirectory;
import io.jwsp.cli.setup.RuntimeSession;
import io.jwsp.cli.setup.SettingsOption;
import io.jwsp.cli.setup.Wsa;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwsp listen}: accepts one connection, reads it to the end, prints what arrived as one JSON line. */
@Command(name = "listen",
        mixinStandardHelpOptions = true,
        header = "Accept one connection, read it to the end, print bytes, SHA-256 and how it ended.",
        description = {
            "Accept one connection on ADDRESS, read until the stream ends, and print one JSON line:",
            "  {\"bytes\": N, \"sha256\": \"...\", \"end\": \"EOF\" or the WSA error name}",
            "The address it listens on goes to stderr (useful with port 0). Pair it with 'jwsp send' in another "
                    + "process to watch a provider close a connection.",
            "",
            "Example:  jwsp listen --provider tcp --bind 127.0.0.1:5001"})
public final class ListenCommand extends JwspSubcommand {
    @Option(names = "--json",
            description = "Accepted and changes nothing: one JSON line is this command's only output, so scripts "
                    + "may pass --json to every jwsp command.")
    boolean json;

    @Option(names = "--provider", required = true, paramLabel = "NAME", description = "The provider (tcp, irda, atm, ...).")
    String provider;

    @Option(names = "--bind", required = true, paramLabel = "ADDRESS",
            description = "Where to listen: HOST:PORT or [::1]:PORT for IP providers; the provider's own syntax otherwise.")
    String bind;

    @Mixin
    SettingsOption settings;

    @Override
    public Integer call() {
        ProviderDirectory dir = ProviderDirectory.builtIn();
        WspProviderFactory factory = dir.require(provider);
        CrossProcess.refuseLoopback(provider);
        Map<String, String> user = settings.settings(dir);
        String inProcess = CrossProcess.inProcessWarning(provider, user);
        if (inProcess != null) {
            printer().note("note: " + inProcess);
        }
        try (RuntimeSession session = RuntimeSession.open(List.of(factory), user, null, null)) {
            Winsock ws = session.winsock();
            SockAddr local = AddressText.parse(session, provider, session.streamEntry(factory), bind);
            ProtocolInfo entry = session.streamEntry(factory, local);
            long l = Wsa.require(ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0),
                    "socket");
            Wsa.require(ws.bind(l, local), "bind " + bind);
            Wsa.require(ws.listen(l, 1), "listen");
            WspResult<SockAddr> name = ws.getSockName(l);
            SockAddr bound = name.isOk() ? name.value() : local;
            printer().note("listening on " + AddressText.format(session, provider, entry, bound) + " (" + provider + ")");
            long s = Wsa.require(ws.accept(l), "accept");
            ws.closeSocket(l);
            Json result = readToEnd(ws, s);
            ws.closeSocket(s);
            printer().json(result);
            return ExitCode.OK;
        }
    }

    /** Reads until recv answers 0 (EOF) or an error, whose name ends the stream. */
    private Json readToEnd(Winsock ws, long s) {
        MessageDigest sha = Payload.sha256();
        long bytes = 0;
        String end;
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try (Progress progress = new Progress(printer(), "listen")) {
            while (true) {
                buf.clear();
                WspResult<Integer> r = ws.recv(s, buf, 0);
                if (!r.isOk()) {
                    end = Wsa.name(r);
                    break;
                }
                if (r.value() == 0) {
                    end = "EOF";
                    break;
                }
                buf.flip();
                sha.update(buf);
                bytes += r.value();
                progress.step(bytes + " B received");
            }
        }
        return Json.object().put("bytes", bytes).put("sha256", HexFormat.of().formatHex(sha.digest())).put("end", end);
    }
}
