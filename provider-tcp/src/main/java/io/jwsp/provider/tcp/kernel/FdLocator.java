package io.jwsp.provider.tcp.kernel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the kernel descriptor behind a JDK channel without reaching into JDK internals.
 *
 * <p>Why this way: the JDK offers no public way to read a channel's descriptor ({@code sun.nio.ch.SelChImpl}
 * needs {@code --add-exports} from every user) and no way to adopt a descriptor made with FFM {@code socket()}.
 * A connected TCP socket is named uniquely by its (local, peer) pair, and a listener by its local address with no
 * peer, so scanning this process's descriptors ({@code /proc/self/fd}) with {@code getsockname}/{@code getpeername}
 * identifies it exactly. The scan costs a few microseconds per descriptor, runs once per socket and only when a
 * kernel counter is needed (a lingering close); the answer stays valid while the channel is open, because the
 * descriptor cannot be reused before the channel closes it.
 */
public final class FdLocator {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private FdLocator() {
    }

    /**
     * The descriptor of the stream socket named ({@code local}, {@code peer}); {@code peer} {@code null} for a
     * listener. Answers -1 when it cannot be found (not Linux, no /proc, or the socket is gone).
     */
    public static int find(InetSocketAddress local, InetSocketAddress peer) {
        if (!NativeSockets.available() || local == null || !Files.isDirectory(FD_DIR)) {
            return -1;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path p : fds) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (matches(fd, local, peer)) {
                    return fd;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static boolean matches(int fd, InetSocketAddress local, InetSocketAddress peer) {
        InetSocketAddress l = NativeSockets.localAddress(fd);
        if (l == null || !l.equals(local)) {
            return false;
        }
        if (NativeSockets.socketOption(fd, NativeSockets.SO_TYPE) != NativeSockets.SOCK_STREAM) {
            return false;
        }
        InetSocketAddress r = NativeSockets.peerAddress(fd);
        return peer == null ? r == null : peer.equals(r);
    }
}
