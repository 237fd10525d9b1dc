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
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwsp send}: connects, sends N bytes, closes the way the options say, prints how the close went. */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        header = "Connect, send N bytes, close as the options say, print how the close went.",
        description = {
            "Connect to ADDRESS, send N deterministic pseudo-random bytes, optionally shut down and wait, then "
                    + "close, and print one JSON line:",
            "  {\"sent\": N, \"sha256\": \"...\", \"close\": 0 or the WSA error name, \"closeMillis\": M}",
            "With --nonblocking, a close that answers WSAEWOULDBLOCK is reported (\"wouldBlock\": true); then "
                    + "linger is set to 0 and the socket closed again (\"secondClose\").",
            "",
            "Example:  jwsp send --provider tcp --to 127.0.0.1:5001 --bytes 1000000 --linger on:5"})
public final class SendCommand extends JwspSubcommand {
    @Option(names = "--json",
            description = "Accepted and changes nothing: one JSON line is this command's only output, so scripts "
                    + "may pass --json to every jwsp command.")
    boolean json;

    @Option(names = "--provider", required = true, paramLabel = "NAME", description = "The provider (tcp, irda, atm, ...).")
    String provider;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
            description = "The listener: HOST:PORT or [::1]:PORT for IP providers; the provider's own syntax otherwise.")
    String to;

    @Option(names = "--bytes", required = true, paramLabel = "N", description = "How many bytes to send.")
    long bytes;

    @Option(names = "--linger", paramLabel = "off|on:SECONDS", converter = LingerSpec.class,
            description = "SO_LINGER before the close: off (SO_DONTLINGER, the default) or on:SECONDS (on:0 is a hard close).")
    Linger linger;

    @Option(names = "--nonblocking",
            description = "Switch the socket to nonblocking (FIONBIO) after the last send, before the close.")
    boolean nonBlocking;

    @Option(names = "--shutdown", paramLabel = "send|receive|both",
            description = "Call shutdown(SD_SEND, SD_RECEIVE or SD_BOTH) after the last send, before the close.")
    ShutdownDirection shutdown;

    @Option(names = "--delay-before-close", paramLabel = "MS", defaultValue = "0",
            description = "Wait this many milliseconds between the last send (or shutdown) and the close.")
    long delayMillis;

    @Option(names = "--connect-timeout", paramLabel = "MS",
            description = "Give up connecting after this many milliseconds (exit 3). Default: wait as long as the "
                    + "provider's own connect does.")
    Long connectTimeoutMillis;

    @Mixin
    SettingsOption settings;

    @Override
    public Integer call() throws InterruptedException {
        if (bytes < 0) {
            throw CliFailure.usage("--bytes must be 0 or more, got " + bytes);
        }
        if (connectTimeoutMillis != null && connectTimeoutMillis <= 0) {
            throw CliFailure.usage("--connect-timeout must be more than 0, got " + connectTimeoutMillis);
        }
        if (delayMillis < 0) {
            throw CliFailure.usage("--delay-before-close must be 0 or more, got " + delayMillis);
        }
        ProviderDirectory dir = ProviderDirectory.builtIn();
        WspProviderFactory factory = dir.require(provider);
        CrossProcess.refuseLoopback(provider);
        Map<String, String> user = settings.settings(dir);
        String inProcess = CrossProcess.inProcessWarning(provider, user);
        if (inProcess != null) {
            printer().note("note: " + inProcess);
        }
        try (RuntimeSession session = RuntimeSession.open(List.of(factory), user, null, null);
             Progress progress = new Progress(printer(), "send")) {
            Winsock ws = session.winsock();
            SockAddr target = AddressText.parse(session, provider, session.streamEntry(factory), to);
            ProtocolInfo entry = session.streamEntry(factory, target);
            long s = Wsa.require(ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0),
                    "socket");
            progress.step("connecting to " + to);
            if (connectTimeoutMillis == null) {
                Wsa.require(ws.connect(s, target), "connect to " + to);
            } else {
                TimedConnect.connect(ws, s, target, Duration.ofMillis(connectTimeoutMillis), "connect to " + to);
            }
            if (linger != null) {
                Wsa.require(ws.setSockOpt(s, SocketOptions.SO_LINGER, linger), "setsockopt(SO_LINGER)");
            }
            Payload payload = new Payload();
            long sent = sendAll(ws, s, entry, payload, progress);
            if (shutdown != null) {
                Wsa.require(ws.shutdown(s, shutdown.how()), "shutdown(" + shutdown + ")");
            }
            if (delayMillis > 0) {
                session.clock().sleepNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
            }
            if (nonBlocking) {
                Wsa.require(ws.ioctl(s, IoControls.FIONBIO, Boolean.TRUE), "ioctlsocket(FIONBIO)");
            }
            progress.step("closing");
            Json out = Json.object().put("sent", sent).put("sha256", payload.sha256Hex());
            long t0 = System.nanoTime();
            WspResult<Void> c = ws.closeSocket(s);
            out.put("close", c.isOk() ? (Object) 0 : Wsa.name(c.error()))
                    .put("closeMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            if (c.is(WsaError.WSAEWOULDBLOCK)) {
                // The handle is still valid and nothing was initiated: a zero linger makes the next close succeed.
                out.put("wouldBlock", true);
                Wsa.require(ws.setSockOpt(s, SocketOptions.SO_LINGER, Linger.of(0)), "setsockopt(SO_LINGER 0)");
                long t1 = System.nanoTime();
                WspResult<Void> c2 = ws.closeSocket(s);
                out.put("secondClose", c2.isOk() ? (Object) 0 : Wsa.name(c2.error()))
                        .put("secondCloseMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
                c = c2;
            }
            printer().json(out);
            return c.isOk() ? ExitCode.OK : ExitCode.FAILURE;
        }
    }

    /** Sends {@code bytes} bytes of the payload, blocking; a failure prints what went and exits 3. */
    private long sendAll(Winsock ws, long s, ProtocolInfo entry, Payload payload, Progress progress) {
        // Message sockets (ATM) send messages no larger than the entry's maximum.
        int chunk = entry.maxMessageSize() > 0 ? Math.min(entry.maxMessageSize(), 8 * 1024) : 64 * 1024;
        long sent = 0;
        while (sent < bytes) {
            ByteBuffer b = payload.next((int) Math.min(chunk, bytes - sent));
            while (b.hasRemaining()) {
                WspResult<Integer> r = ws.send(s, b, 0);
                if (!r.isOk()) {
                    printer().json(Json.object().put("sent", sent).put("error", Wsa.name(r.error())));
                    throw CliFailure.connection("send failed after " + sent + " bytes: " + Wsa.describe(r));
                }
                sent += r.value();
            }
            progress.step(sent + " of " + bytes + " B sent");
        }
        return sent;
    }
}
