package io.jwsp.provider.atm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two runtimes in one JVM that share nothing but UDP on 127.0.0.1: one hosts the switch (role switch), the other
 * attaches its adapters to it (role attach), with separate signalling and cell sockets. Real clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AtmUdpTransportTest {
    private static final int BIG = 8000; // 167 cells a PDU
    /** A key of the tests' own, so no test reads or creates one in the home directory. */
    static final String TEST_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static JwspRuntime runtime(String role, int sig, int cells) {
        JwspRuntime rt = JwspRuntime.builder()
                .provider(new AtmProviderFactory())
                .setting("atm.transport", "udp")
                .setting("atm.udp.role", role)
                .setting("atm.udp.signalling", "127.0.0.1:" + sig)
                .setting("atm.udp.cells", "127.0.0.1:" + cells)
                .setting("atm.dataLatencyMicros", "50000")
                .setting("atm.signallingLatencyMicros", "1000")
                .setting("atm.udp.key", TEST_KEY)
                .build();
        rt.winsock().startup(WsaVersion.V2_2).value();
        return rt;
    }

    private static long socket(Winsock ws) {
        return ws.socket(AddressFamily.AF_ATM, SocketType.SOCK_RAW, AtmProviderFactory.ATMPROTO_AAL5).value();
    }

    private static int recvAll(Winsock ws, long s, WsaError expectedEnd) {
        int n = 0;
        while (true) {
            ByteBuffer b = ByteBuffer.allocate(BIG);
            WspResult<Integer> r = ws.recv(s, b, 0);
            if (!r.isOk()) {
                assertEquals(expectedEnd, r.error());
                return n;
            }
            assertArrayEquals(AtmLab.pdu(BIG, n), b.array(), "PDU " + n);
            n++;
        }
    }

    @Test
    void udp_twoRuntimes_callEachOther_andTheCloseRaceHappensAcrossThem() throws Exception {
        int sig = freeUdpPort();
        int cells = freeUdpPort();
        try (JwspRuntime host = runtime("switch", sig, cells); JwspRuntime guest = runtime("attach", sig, cells)) {
            Winsock a = host.winsock();
            Winsock b = guest.winsock();
            long probe = socket(a);
            socket(b); // starts the guest's provider: it attaches its adapters now
            assertTrue(host.providerExtension("atm", AtmNetwork.class).orElseThrow().hostsSwitch());
            assertFalse(guest.providerExtension("atm", AtmNetwork.class).orElseThrow().hostsSwitch());
            assertEquals(2, guest.providerExtension("atm", AtmNetwork.class).orElseThrow().devices().getFirst()
                    .port(), "the guest's adapters are switch ports 2 and 3");
            a.closeSocket(probe).value();

            AtmSockAddr sap = AtmSockAddr.of(AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(0), 1));
            long listener = socket(a);
            a.bind(listener, sap).value();
            a.listen(listener, 4).value();

            // 1. The race: three PDUs, close at once. RELEASE overtakes the cells still on their way.
            long client = socket(b);
            b.connect(client, sap).value();
            long served = a.accept(listener).value();
            for (int i = 0; i < 3; i++) {
                assertEquals(BIG, b.send(client, ByteBuffer.wrap(AtmLab.pdu(BIG, i)), 0).value());
            }
            b.closeSocket(client).value();
            int got = recvAll(a, served, WsaError.WSAEDISCON);
            assertTrue(got < 3, "the peer read " + got + " of 3 PDUs, then WSAEDISCON");
            a.closeSocket(served).value();

            // 2. A delay between the last send and the close (here: until the peer has them all) avoids it.
            long client2 = socket(b);
            b.connect(client2, sap).value();
            long served2 = a.accept(listener).value();
            for (int i = 0; i < 3; i++) {
                b.send(client2, ByteBuffer.wrap(AtmLab.pdu(BIG, i)), 0).value();
            }
            for (int i = 0; i < 3; i++) {
                ByteBuffer buf = ByteBuffer.allocate(BIG);
                assertEquals(BIG, a.recv(served2, buf, 0).value());
                assertArrayEquals(AtmLab.pdu(BIG, i), buf.array());
            }
            b.closeSocket(client2).value();
            assertEquals(0, recvAll(a, served2, WsaError.WSAEDISCON), "nothing more, then WSAEDISCON");

            // 3. No listener on that selector: the callee's cause 88 crosses back over UDP.
            long nobody = socket(b);
            AtmSockAddr none = AtmSockAddr.of(sap.number().withSelector(9));
            assertEquals(WsaError.WSAECONNREFUSED, b.connect(nobody, none).error());
        }
    }

    @Test
    void udp_aWildcardOrOutsideAddress_isRefused_withoutTheSetting() throws Exception {
        int cells = freeUdpPort();
        for (String host : new String[] {"0.0.0.0", "192.0.2.1"}) {
            try (JwspRuntime rt = JwspRuntime.builder()
                    .provider(new AtmProviderFactory())
                    .setting("atm.transport", "udp")
                    .setting("atm.udp.role", "switch")
                    .setting("atm.udp.signalling", host + ":" + freeUdpPort())
                    .setting("atm.udp.cells", "127.0.0.1:" + cells)
                    .setting("atm.udp.key", TEST_KEY)
                    .build()) {
                Winsock ws = rt.winsock();
                ws.startup(WsaVersion.V2_2).value();
                WspResult<Long> s = ws.socket(AddressFamily.AF_ATM, SocketType.SOCK_RAW,
                        AtmProviderFactory.ATMPROTO_AAL5);
                assertFalse(s.isOk(), host + ": the switch host does not start");
            }
        }
    }
}
