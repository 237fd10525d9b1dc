package io.jwsp.provider.tcp.tck;

import static io.jwsp.provider.tcp.tck.DuplicateBench.SELF;
import static io.jwsp.provider.tcp.tck.DuplicateBench.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.dup.DuplicateMessage;
import io.jwsp.provider.tcp.kernel.Descriptors;
import io.jwsp.provider.tcp.kernel.FdPassing;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's inbox for duplicated tcp sockets, driven from this JVM as a source process would (and as a forger
 * would): what crosses the boundary is authenticated (SO_PEERCRED: our uid, the pid the message claims), checked
 * (exact length, magic, target pid, one descriptor, a TCP socket) and redeemed once. A peer of another uid cannot be
 * made in a test (that needs a second user and privileges); the check is the same line that compares the pid.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DuplicateInboxTest {
    @TempDir
    Path dir;
    private DuplicateBench bench;
    private ServerSocket peers;

    @BeforeEach
    void start() throws IOException {
        bench = new DuplicateBench(dir);
        peers = DuplicateBench.peerListener();
    }

    @AfterEach
    void stop() throws IOException {
        peers.close();
        bench.close();
    }

    @Test
    @DisplayName("WSASocket(FROM_PROTOCOL_INFO): a passed descriptor is a working socket, redeemed once; the other holder's close ends nothing")
    void aParkedDescriptorIsAdoptedOnceAndOutlivesTheOtherHolder() throws IOException {
        try (Socket source = DuplicateBench.client(peers); Socket peer = DuplicateBench.accepted(peers)) {
            byte[] token = DuplicateBench.token();
            assertEquals(DuplicateMessage.PARKED, bench.exchange(DuplicateBench.message(token),
                    DuplicateBench.fdOf(source)), "the inbox parks a well-formed message's descriptor");
            DuplicateInfo info = bench.info(token);
            long s = ok(bench.ws.socket(info, 0), "WSASocket(FROM_PROTOCOL_INFO)");
            try {
                assertEquals(WsaError.WSAEINVAL, bench.ws.socket(info, 0).error(), "a replayed token");
                assertEquals(InetSockAddr.of((java.net.InetSocketAddress) peer.getLocalSocketAddress()),
                        ok(bench.ws.getPeerName(s), "getpeername"), "the adopted socket's peer is the kernel's");
                source.close(); // the other holder goes first (a JDK close: no shutdown, no linger set)
                ok(bench.ws.send(s, ByteBuffer.wrap("after".getBytes(StandardCharsets.US_ASCII)), 0), "send");
                assertArrayEquals("after".getBytes(StandardCharsets.US_ASCII), peer.getInputStream().readNBytes(5),
                        "the peer receives what the adopted socket sends after the other holder closed");
                peer.getOutputStream().write(new byte[] {7, 8, 9});
                ByteBuffer in = ByteBuffer.allocate(3);
                while (in.hasRemaining()) {
                    assertTrue(ok(bench.ws.recv(s, in, 0), "recv") > 0, "no end of stream while the peer is open");
                }
                assertArrayEquals(new byte[] {7, 8, 9}, in.array());
            } finally {
                ok(bench.ws.closeSocket(s), "closesocket of the last descriptor");
            }
            assertEquals(-1, peer.getInputStream().read(), "the last close ends the connection gracefully (a FIN)");
        }
    }

    @Test
    @DisplayName("unknown, forged or empty dwProviderReserved is WSAEINVAL")
    void unknownTokensAreRefused() {
        assertEquals(WsaError.WSAEINVAL, bench.ws.socket(bench.info(DuplicateBench.token()), 0).error(),
                "a token nobody parked");
        DuplicateInfo tcp = bench.info(DuplicateBench.token());
        assertEquals(WsaError.WSAEINVAL, bench.ws.socket(new DuplicateInfo(tcp.info(), SELF,
                io.jwsp.spi.catalog.ProviderReserved.of(new byte[40])), 0).error(), "a reserved of no known form");
        assertEquals(0, bench.rt.openHandles(), "no handle made by a refusal");
    }

    @Test
    @DisplayName("forged messages are refused and their descriptors closed: wrong magic, length, pids, descriptor count or kind, replays")
    void forgedMessagesAreRefused() throws IOException {
        try (Socket source = DuplicateBench.client(peers); Socket peer = DuplicateBench.accepted(peers)) {
            int fd = DuplicateBench.fdOf(source);
            byte[] token = DuplicateBench.token();
            byte[] good = DuplicateBench.message(token);
            byte[] badMagic = good.clone();
            badMagic[0] ^= 0x20;
            byte[] otherSource = new DuplicateMessage(token, SELF + 1, SELF).encode();
            byte[] otherTarget = new DuplicateMessage(token, SELF, SELF + 1).encode();
            byte[] longer = ByteBuffer.allocate(good.length + 1).put(good).array();
            byte[] shorter = java.util.Arrays.copyOf(good, good.length - 1);
            int unixSocket = FdPassing.connect(bench.dir.resolve(SELF + ".sock")); // a stream socket, but no TCP one
            try {
                assertRefused(bench.exchange(badMagic, fd), "a wrong magic");
                assertRefused(bench.exchange(otherSource, fd), "a source pid other than SO_PEERCRED's");
                assertRefused(bench.exchange(otherTarget, fd), "a target other than this process");
                assertRefused(bench.exchange(longer, fd), "a message one byte long");
                assertRefused(bench.exchange(shorter, fd), "a message one byte short");
                assertRefused(bench.exchange(good), "no descriptor");
                assertRefused(bench.exchange(good, fd, fd), "two descriptors");
                assertRefused(bench.exchange(good, unixSocket), "an AF_UNIX socket");
            } finally {
                Descriptors.close(unixSocket);
            }
            assertEquals(WsaError.WSAEINVAL, bench.ws.socket(bench.info(token), 0).error(),
                    "nothing refused was parked");
            assertEquals(DuplicateMessage.PARKED, bench.exchange(good, fd), "the inbox still takes a good one");
            assertRefused(bench.exchange(good, fd), "the same token again (a replay)");
            long s = ok(bench.ws.socket(bench.info(token), 0), "the first one stays redeemable");
            ok(bench.ws.closeSocket(s), "closesocket");
        }
    }

    @Test
    @DisplayName("fuzz: random and mutated messages with a TCP descriptor never park; the inbox keeps serving")
    void fuzzedMessagesNeverPark() throws IOException {
        Random random = new Random(0x5EED);
        try (Socket source = DuplicateBench.client(peers); Socket peer = DuplicateBench.accepted(peers)) {
            int fd = DuplicateBench.fdOf(source);
            byte[] good = DuplicateBench.message(DuplicateBench.token());
            for (int i = 0; i < 150; i++) {
                byte[] m;
                if (i % 2 == 0) {
                    m = new byte[1 + random.nextInt(DuplicateMessage.LENGTH + 8)];
                    random.nextBytes(m);
                } else {
                    m = good.clone();
                    int at = random.nextInt(8 + 0) + (random.nextBoolean() ? 0 : DuplicateMessage.LENGTH - 16);
                    m[at] ^= (byte) (1 + random.nextInt(255)); // the magic or a pid: never a valid message
                }
                assertRefused(bench.exchange(m, fd), "fuzzed message " + i);
            }
            byte[] token = DuplicateBench.token();
            assertEquals(DuplicateMessage.PARKED, bench.exchange(DuplicateBench.message(token), fd));
            ok(bench.ws.closeSocket(ok(bench.ws.socket(bench.info(token), 0), "redeem")), "closesocket");
        }
    }

    @Test
    @DisplayName("WSADuplicateSocket to a process without an inbox, or to an endpoint another process holds, is WSAEINVAL")
    void wrongTargetProcessIsRefused() throws IOException {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        try (var c = new JwspClient(bench, peers)) {
            assertEquals(WsaError.WSAEINVAL, bench.ws.duplicateSocket(c.handle, parent).error(),
                    "no inbox for that pid");
            // an endpoint named for the parent but held by this process: SO_PEERCRED says who really listens
            int impostor = FdPassing.listen(bench.dir.resolve(parent + ".sock"), 1);
            assertTrue(impostor >= 0, "the impostor's endpoint");
            try {
                assertEquals(WsaError.WSAEINVAL, bench.ws.duplicateSocket(c.handle, parent).error(),
                        "an endpoint whose holder is not the pid asked for");
            } finally {
                Descriptors.close(impostor);
                Files.deleteIfExists(bench.dir.resolve(parent + ".sock"));
            }
            c.assertStillConnected();
        }
    }

    @Test
    @DisplayName("a directory others can enter is refused: no duplicate goes through it")
    void aDirectoryNotOwnerOnlyIsRefused() throws IOException {
        Files.setPosixFilePermissions(bench.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var c = new JwspClient(bench, peers)) {
            WspResult<DuplicateInfo> r = bench.ws.duplicateSocket(c.handle, SELF + 1);
            assertEquals(WsaError.WSAEINVAL, r.error(), "a duplicate through a directory of mode 0755");
        } finally {
            Files.setPosixFilePermissions(bench.dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    @DisplayName("a descriptor not redeemed in its time-to-live is closed: its token is WSAEINVAL")
    void anExpiredTokenIsRefused(@TempDir Path other) throws IOException {
        try (DuplicateBench shortLived = new DuplicateBench(other, "tcp.duplicatettlms", "0");
             Socket source = DuplicateBench.client(peers);
             Socket peer = DuplicateBench.accepted(peers)) {
            byte[] token = DuplicateBench.token();
            assertEquals(DuplicateMessage.PARKED, shortLived.exchange(DuplicateBench.message(token),
                    DuplicateBench.fdOf(source)));
            assertEquals(WsaError.WSAEINVAL, shortLived.ws.socket(shortLived.info(token), 0).error(),
                    "a token past its time-to-live (0 ms)");
        }
    }

    private static void assertRefused(int answer, String what) {
        assertEquals(DuplicateMessage.REFUSED, answer, what + " must be refused");
    }

    /** A jwsp tcp socket connected to the peer listener, and the peer's end. */
    static final class JwspClient implements AutoCloseable {
        final long handle;
        final Socket peer;
        private final DuplicateBench bench;

        JwspClient(DuplicateBench bench, ServerSocket peers) throws IOException {
            this.bench = bench;
            handle = ok(bench.ws.socket(2, 1, 6), "socket(AF_INET, SOCK_STREAM)");
            ok(bench.ws.connect(handle, InetSockAddr.parse("127.0.0.1:" + peers.getLocalPort())), "connect");
            peer = DuplicateBench.accepted(peers);
        }

        void assertStillConnected() throws IOException {
            ok(bench.ws.send(handle, ByteBuffer.wrap(new byte[] {42}), 0), "send after the refused duplicate");
            InputStream in = peer.getInputStream();
            assertEquals(42, in.read(), "the connection is untouched by a refused duplicate");
        }

        @Override
        public void close() throws IOException {
            bench.ws.closeSocket(handle);
            peer.close();
        }
    }
}
