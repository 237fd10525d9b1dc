package io.jwsp.provider.irda;

import io.jwsp.provider.irda.handover.HandoverCounters;
import io.jwsp.runtime.duplicate.DuplicateInfoCodec;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WspResult;
import io.jwsp.provider.irda.medium.UdpTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A process of {@link IrdaDuplicateIntoProcessTest}: an IrDA runtime on the UDP medium, driven line by line over a
 * control connection to the test; every command gets one line back. Prints {@code READY <pid> <udpPort>} first.
 * <pre>
 * LISTEN service | ACCEPT | RECV n (exactly n bytes: "RECEIVED n sha256") | SEND offset n (IrdaBench's pattern)
 * UNREAD (FIONREAD) | DUP pid ("INFO text") | ADOPT text ("ADOPTED replay=ERROR") | LINGER0 | CLOSE | EXIT (WSACleanup, then exit)
 * </pre>
 * Arguments: device, thresholdMs, key, acceptduplicates, controlPort.
 */
public final class IrdaHandoverMain {
    private IrdaHandoverMain() {
    }

    public static void main(String[] a) throws Exception {
        IrdaBench b = IrdaBench.realTime("irda.udp.bind", "127.0.0.1:0", "irda.device", a[0], "irda.baud", "0",
                "irda.thresholdMs", a[1], "irda.udp.key", a[2], "irda.acceptduplicates", a[3]);
        try (Socket control = new Socket()) {
            control.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(a[4])), 20_000);
            control.setSoTimeout(60_000); // the test drives every step; a vanished test ends this process
            BufferedReader in = new BufferedReader(new InputStreamReader(control.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(control.getOutputStream(), true, StandardCharsets.UTF_8);
            int port = b.runtime.providerExtension("irda", UdpTransport.class).orElseThrow().localPort();
            System.out.println("READY " + ProcessHandle.current().pid() + " " + port);
            System.out.flush();
            long listener = -1;
            long s = -1;
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.split(" ");
                switch (cmd[0]) {
                    case "LISTEN" -> {
                        listener = b.listener(cmd[1]);
                        out.println("LISTENING");
                    }
                    case "ACCEPT" -> {
                        WspResult<Long> r = b.ws.accept(listener);
                        if (r.isOk()) {
                            s = r.value();
                        }
                        out.println(r.isOk() ? "ACCEPTED" : "ERROR " + r.error());
                    }
                    case "RECV" -> out.println(receive(b, s, Integer.parseInt(cmd[1])));
                    case "SEND" -> {
                        ByteBuffer data = IrdaBench.pattern(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]));
                        int sent = 0;
                        WspResult<Integer> r = WspResult.ok(0);
                        while (data.hasRemaining() && r.isOk()) {
                            r = b.ws.send(s, data, 0);
                            sent += r.isOk() ? r.value() : 0;
                        }
                        out.println(r.isOk() ? "SENT " + sent : "ERROR " + r.error());
                    }
                    case "DUP" -> {
                        WspResult<DuplicateInfo> r = b.ws.duplicateSocket(s, Long.parseLong(cmd[1]));
                        out.println(r.isOk() ? "INFO " + DuplicateInfoCodec.encodeText(r.value())
                                : "ERROR " + r.error());
                    }
                    case "ADOPT" -> {
                        WspResult<DuplicateInfo> info = DuplicateInfoCodec.decodeText(cmd[1]);
                        WspResult<Long> r = info.isOk() ? b.ws.socket(info.value(), 0) : info.retype();
                        if (r.isOk()) {
                            s = r.value();
                            out.println("ADOPTED replay=" + b.ws.socket(info.value(), 0).error().name());
                        } else {
                            out.println("ERROR " + r.error());
                        }
                    }
                    case "UNREAD" -> {
                        WspResult<Integer> r = b.ws.ioctl(s, IoControls.FIONREAD, null);
                        out.println(r.isOk() ? "UNREAD " + r.value() : "ERROR " + r.error());
                    }
                    case "LINGER0" -> {
                        WspResult<Void> r = b.ws.setSockOpt(s, SocketOptions.SO_LINGER, Linger.of(0));
                        out.println(r.isOk() ? "OK" : "ERROR " + r.error());
                    }
                    case "CLOSE" -> {
                        WspResult<Void> r = b.ws.closeSocket(s);
                        out.println(r.isOk() ? "CLOSED" : "ERROR " + r.error());
                    }
                    case "COUNTERS" -> out.println(b.runtime.providerExtension("irda", HandoverCounters.class)
                            .map(HandoverCounters::toString).orElse("none"));
                    case "EXIT" -> {
                        b.close(); // WSACleanup: a hand-over under way finishes, the carriage drains
                        out.println("BYE");
                        return;
                    }
                    default -> out.println("ERROR unknown " + cmd[0]);
                }
            }
        }
        b.close(); // the test went away without EXIT
    }

    /** Reads exactly {@code n} bytes: "RECEIVED n sha", or what ended the stream first. */
    private static String receive(IrdaBench b, long s, int n) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            int before = buf.position();
            WspResult<Integer> r = b.ws.recv(s, buf, 0);
            if (!r.isOk()) {
                return "ERROR " + r.error() + " after " + before;
            }
            if (r.value() == 0) {
                return "EOF after " + before;
            }
        }
        sha.update(buf.array());
        return "RECEIVED " + n + " " + HexFormat.of().formatHex(sha.digest());
    }
}
