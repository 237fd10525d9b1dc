package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.UdpTransport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two runtimes in one JVM, each with its own infrared space, talking IrDA over the UDP medium on 127.0.0.1: the
 * way two processes ({@code jwsp listen} and {@code jwsp send}) do. Real clock: the datagrams are real I/O.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IrdaUdpMediumTest {
    private static final int SERVER_DEVICE = 0x1DA0AAAA;
    private static final int CLIENT_DEVICE = 0x1DA0BBBB;
    /** A key of the tests' own, so no test reads or creates one in the home directory. */
    static final String TEST_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private IrdaBench server;
    private IrdaBench client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start() {
        server = IrdaBench.realTime("irda.udp.bind", "127.0.0.1:0", "irda.device", DeviceInfo.hex(SERVER_DEVICE),
                "irda.nickname", "listener", "irda.udp.key", TEST_KEY);
        int port = server.runtime.providerExtension("irda", UdpTransport.class).orElseThrow().localPort();
        client = IrdaBench.realTime("irda.udp.bind", "127.0.0.1:0", "irda.udp.peer", "127.0.0.1:" + port,
                "irda.device", DeviceInfo.hex(CLIENT_DEVICE), "irda.nickname", "sender", "irda.udp.key", TEST_KEY);
    }

    @Test
    void discovery_overUdp_findsThePeerProcessDevice() {
        start();
        long s = client.socket();
        DeviceList list = ok(client.ws.getSockOpt(s, IrdaOptions.IRLMP_ENUMDEVICES));
        assertTrue(list.devices().stream().anyMatch(d -> d.id() == SERVER_DEVICE && d.nickname().equals("listener")),
                "the listener process's device: " + list);
    }

    @Test
    void twoSpacesOverUdp_connectThroughIas_exchangeData_andClose() throws Exception {
        start();
        long l = server.listener("jwsp-chat");
        CompletableFuture<Long> accepting = CompletableFuture.supplyAsync(() -> ok(server.ws.accept(l)));
        long c = client.socket();
        ok(client.ws.connect(c, IrdaSockAddr.of(SERVER_DEVICE, "jwsp-chat")));
        long a = accepting.get(10, TimeUnit.SECONDS);

        byte[] hello = "hello over infrared".getBytes(StandardCharsets.US_ASCII);
        ok(client.ws.send(c, ByteBuffer.wrap(hello), 0));
        ByteBuffer in = ByteBuffer.allocate(64);
        int n = ok(server.ws.recv(a, in, 0));
        assertEquals("hello over infrared", new String(in.array(), 0, n, StandardCharsets.US_ASCII));

        ByteBuffer big = IrdaBench.pattern(0, 20_000);
        ok(server.ws.send(a, big, 0));
        ok(server.ws.closeSocket(a)); // send, then close at once: nothing may be lost
        int got = 0;
        while (true) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            int r = ok(client.ws.recv(c, b, 0));
            if (r == 0) {
                break;
            }
            assertTrue(IrdaBench.matches(b, got), "bytes at " + got);
            got += r;
        }
        assertEquals(20_000, got, "every byte, then the end of the stream");
        ok(client.ws.closeSocket(c));
        assertTrue(server.tap.frames().stream().anyMatch(f -> f.kind().equals("IAS")), "IAS crossed over UDP");
        assertTrue(client.tap.frames().stream().anyMatch(f -> f.kind().equals("DISCONNECT")
                && f.detail().contains("received")), "the DISCONNECT arrived by datagram");
    }
}
