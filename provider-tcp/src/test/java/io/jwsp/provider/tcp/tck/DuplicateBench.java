package io.jwsp.provider.tcp.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.provider.tcp.dup.DuplicateMessage;
import io.jwsp.provider.tcp.dup.DuplicateToken;
import io.jwsp.provider.tcp.kernel.Descriptors;
import io.jwsp.provider.tcp.kernel.FdLocator;
import io.jwsp.provider.tcp.kernel.FdPassing;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;
import io.jwsp.testkit.IsolatedRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A tcp runtime on the real clock that accepts duplicated sockets through the inbox in {@code dir}, and the raw
 * moves of a source process (connect to an inbox, pass a descriptor with a message) for the tests that forge them.
 */
final class DuplicateBench implements AutoCloseable {
    static final long SELF = ProcessHandle.current().pid();
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path dir;
    final IsolatedRuntime rt;
    final Winsock ws;

    /** {@code parent}: a directory of the test's; the inbox makes its own owner-only one inside. */
    DuplicateBench(Path parent, String... settings) {
        this.dir = parent.resolve("inbox");
        IsolatedRuntime.Builder b = IsolatedRuntime.builder().provider(new TcpProviderFactory()).virtualClock(false)
                .setting("tcp.acceptduplicates", "true").setting("tcp.duplicatedir", dir.toString());
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.setting(settings[i], settings[i + 1]);
        }
        rt = b.start();
        ws = rt.winsock();
        // providers start with their first socket, and the inbox with the provider (as a target process does)
        ok(ws.closeSocket(ok(ws.socket(AddressFamily.AF_INET, 1, 6), "socket")), "closesocket");
    }

    static <T> T ok(WspResult<T> r, String what) {
        if (!r.isOk()) {
            fail(what + ": expected success, got " + (r.isPending() ? "pending" : r.error()));
        }
        return r.value();
    }

    ProtocolInfo tcp4() {
        return ok(ws.enumProtocols(), "WSAEnumProtocols").stream()
                .filter(e -> e.addressFamily() == AddressFamily.AF_INET).findFirst().orElseThrow();
    }

    static byte[] token() {
        byte[] t = new byte[DuplicateMessage.TOKEN_LENGTH];
        RANDOM.nextBytes(t);
        return t;
    }

    /** The info a source would have sent for {@code token}. */
    DuplicateInfo info(byte[] token) {
        return new DuplicateInfo(tcp4(), SELF, DuplicateToken.reserved(token));
    }

    /** A JDK listener on 127.0.0.1 (the peer), with a read time-out so no test waits forever. */
    static ServerSocket peerListener() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout((int) PEER_TIMEOUT.toMillis());
        return s;
    }

    static Socket accepted(ServerSocket l) throws IOException {
        Socket s = l.accept();
        s.setSoTimeout((int) PEER_TIMEOUT.toMillis());
        return s;
    }

    /**
     * A JDK client of {@code l} on an AF_INET socket (java.net.Socket would make a dual-stack AF_INET6 one, which
     * the AF_INET entry rightly refuses to adopt).
     */
    static Socket client(ServerSocket l) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET);
        ch.connect(l.getLocalSocketAddress());
        Socket s = ch.socket();
        s.setSoTimeout((int) PEER_TIMEOUT.toMillis());
        return s;
    }

    /** The kernel descriptor of a connected JDK socket. */
    static int fdOf(Socket s) {
        int fd = FdLocator.find((InetSocketAddress) s.getLocalSocketAddress(),
                (InetSocketAddress) s.getRemoteSocketAddress());
        assertTrue(fd >= 0, "the descriptor of " + s);
        return fd;
    }

    /**
     * Connects to this process's inbox and sends {@code payload} with {@code fds} (none, one or more) as a source
     * would; answers the inbox's one-byte answer, or -1 when none came.
     */
    int exchange(byte[] payload, int... fds) {
        int conn = FdPassing.connect(dir.resolve(SELF + ".sock"));
        assertTrue(conn >= 0, "connect to the inbox in " + dir);
        try {
            assertTrue(FdPassing.deadline(conn, PEER_TIMEOUT), "SO_RCVTIMEO on the test's connection");
            assertTrue(FdPassing.send(conn, payload, fds), "sendmsg to the inbox");
            FdPassing.Received r = FdPassing.receive(conn, 8);
            return r == null || r.bytes().length != 1 ? -1 : r.bytes()[0];
        } finally {
            Descriptors.close(conn);
        }
    }

    /** A valid message for {@code token} from this process to this process. */
    static byte[] message(byte[] token) {
        return new DuplicateMessage(token, SELF, SELF).encode();
    }

    @Override
    public void close() {
        rt.close();
    }
}
