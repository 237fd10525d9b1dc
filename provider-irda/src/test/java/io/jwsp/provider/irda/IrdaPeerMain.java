package io.jwsp.provider.irda;

import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The other process of the two-process IrDA tests (started by {@link io.jwsp.testkit.ChildJvm}). It prints what it
 * does on standard output, one line per step, and the test reads it.
 * <pre>
 * listen BIND DEVICE SERVICE THRESHOLD_MS KEY         prints "ready", then "accepted", then "done BYTES SHA END"
 * send BIND PEER DEVICE TO SERVICE BYTES THRESHOLD_MS KEY   prints "connected", then "sent BYTES SHA CLOSE";
 *                                                     BYTES -1 sends until an error
 * </pre>
 */
public final class IrdaPeerMain {
    private IrdaPeerMain() {
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("listen")) {
            listen(a[1], a[2], a[3], a[4], a[5]);
        } else {
            send(a[1], a[2], a[3], Integer.parseUnsignedInt(a[4], 16), a[5], Long.parseLong(a[6]), a[7], a[8]);
        }
        System.exit(0);
    }

    private static void listen(String bind, String device, String service, String threshold, String key)
            throws Exception {
        try (IrdaBench b = IrdaBench.realTime("irda.udp.bind", bind, "irda.device", device, "irda.baud", "0",
                "irda.thresholdMs", threshold, "irda.udp.key", key)) {
            long l = b.listener(service);
            System.out.println("ready");
            long s = IrdaBench.ok(b.ws.accept(l));
            System.out.println("accepted");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long n = 0;
            String end;
            while (true) {
                ByteBuffer buf = ByteBuffer.allocate(65536);
                WspResult<Integer> r = b.ws.recv(s, buf, 0);
                if (!r.isOk()) {
                    end = r.error().name();
                    break;
                }
                if (r.value() == 0) {
                    end = "EOF";
                    break;
                }
                sha.update(buf.array(), 0, r.value());
                n += r.value();
            }
            System.out.println("done " + n + " " + HexFormat.of().formatHex(sha.digest()) + " " + end);
        }
    }

    private static void send(String bind, String peer, String device, int to, String service, long bytes,
                             String threshold, String key) throws Exception {
        try (IrdaBench b = IrdaBench.realTime("irda.udp.bind", bind, "irda.udp.peer", peer, "irda.device", device,
                "irda.baud", "0", "irda.thresholdMs", threshold, "irda.udp.key", key)) {
            long s = b.socket();
            IrdaBench.ok(b.ws.connect(s, IrdaSockAddr.of(to, service)));
            System.out.println("connected");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long sent = 0;
            String close = "0";
            while (bytes < 0 || sent < bytes) {
                int n = (int) Math.min(4096, bytes < 0 ? 4096 : bytes - sent);
                WspResult<Integer> r = b.ws.send(s, IrdaBench.pattern((int) sent, n), 0);
                if (!r.isOk()) {
                    close = r.error().name();
                    break;
                }
                sha.update(IrdaBench.pattern((int) sent, r.value()));
                sent += r.value();
            }
            if (close.equals("0")) {
                WspResult<Void> c = b.ws.closeSocket(s);
                close = c.isOk() ? "0" : c.error().name();
            }
            System.out.println("sent " + sent + " " + HexFormat.of().formatHex(sha.digest()) + " " + close);
        }
    }
}
