package io.jwsp.provider.atm;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The other process of the two-process ATM tests (started by {@link io.jwsp.testkit.ChildJvm}); one line on
 * standard output per step.
 * <pre>
 * send SIG CELLS BYTES PAUSE_MS KEEPALIVE_MS KEY   attaches, calls @0.1: "connected", then "sent N SHA CLOSE"
 *                                                  (BYTES -1: until an error)
 * host SIG CELLS KEEPALIVE_MS KEY                  hosts the switch, listens on @0.1: "ready", "accepted",
 *                                                  then "done N SHA END"
 * </pre>
 */
public final class AtmPeerMain {
    static final int PDU = 8192;

    private AtmPeerMain() {
    }

    /** Port 0, selector 1 of switch 1: where the tests listen. */
    static AtmSockAddr sap() {
        return AtmSockAddr.of(AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(0), 1));
    }

    static JwspRuntime runtime(String role, String sig, String cells, String keepalive, String key) {
        JwspRuntime rt = JwspRuntime.builder()
                .provider(new AtmProviderFactory())
                .setting("atm.transport", "udp")
                .setting("atm.devices", "1")
                .setting("atm.udp.role", role)
                .setting("atm.udp.signalling", sig)
                .setting("atm.udp.cells", cells)
                .setting("atm.udp.keepaliveMillis", keepalive)
                .setting("atm.udp.key", key)
                .build();
        rt.winsock().startup(WsaVersion.V2_2).value();
        return rt;
    }

    static long socket(Winsock ws) {
        return ws.socket(AddressFamily.AF_ATM, SocketType.SOCK_RAW, AtmProviderFactory.ATMPROTO_AAL5).value();
    }

    /** The bytes of a test stream at {@code offset}. */
    static byte[] chunk(long offset, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ((offset + i) * 31 + 7);
        }
        return b;
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("send")) {
            send(a[1], a[2], Long.parseLong(a[3]), Long.parseLong(a[4]), a[5], a[6]);
        } else {
            host(a[1], a[2], a[3], a[4]);
        }
        System.exit(0);
    }

    private static void send(String sig, String cells, long bytes, long pauseMs, String keepalive, String key)
            throws Exception {
        try (JwspRuntime rt = runtime("attach", sig, cells, keepalive, key)) {
            Winsock ws = rt.winsock();
            long s = socket(ws);
            ws.connect(s, sap()).value();
            System.out.println("connected");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long sent = 0;
            String close = "0";
            while (bytes < 0 || sent < bytes) {
                int n = (int) Math.min(PDU, bytes < 0 ? PDU : bytes - sent);
                byte[] c = chunk(sent, n);
                WspResult<Integer> r = ws.send(s, ByteBuffer.wrap(c), 0);
                if (!r.isOk()) {
                    close = r.error().name();
                    break;
                }
                sha.update(c);
                sent += n;
            }
            if (close.equals("0")) {
                TimeUnit.MILLISECONDS.sleep(pauseMs); // the README's --delay-before-close
                WspResult<Void> r = ws.closeSocket(s);
                close = r.isOk() ? "0" : r.error().name();
            }
            System.out.println("sent " + sent + " " + HexFormat.of().formatHex(sha.digest()) + " " + close);
        }
    }

    private static void host(String sig, String cells, String keepalive, String key) throws Exception {
        try (JwspRuntime rt = runtime("switch", sig, cells, keepalive, key)) {
            Winsock ws = rt.winsock();
            long l = socket(ws);
            ws.bind(l, sap()).value();
            ws.listen(l, 4).value();
            System.out.println("ready");
            long s = ws.accept(l).value();
            ws.setSockOpt(s, SocketOptions.SO_RCVBUF, 64 << 20).value();
            System.out.println("accepted");
            System.out.println("done " + readAll(ws, s));
        }
    }

    /** Reads to the end: "BYTES SHA END". */
    static String readAll(Winsock ws, long s) throws Exception {
        return readAll(ws, s, 0, new CountDownLatch(0));
    }

    /** Reads to the end, holding after {@code firstBytes} until {@code gate} opens: "BYTES SHA END". */
    static String readAll(Winsock ws, long s, long firstBytes, CountDownLatch gate) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long n = 0;
        while (true) {
            if (n >= firstBytes && gate.getCount() > 0 && !gate.await(120, TimeUnit.SECONDS)) {
                return "the gate never opened";
            }
            ByteBuffer b = ByteBuffer.allocate(PDU);
            WspResult<Integer> r = ws.recv(s, b, 0);
            if (!r.isOk()) {
                return n + " " + HexFormat.of().formatHex(sha.digest()) + " " + r.error().name();
            }
            sha.update(b.array(), 0, r.value());
            n += r.value();
        }
    }
}
