package io.jwsp.provider.tcp.dup;

import io.jwsp.provider.tcp.kernel.Descriptors;
import io.jwsp.provider.tcp.kernel.FdLocator;
import io.jwsp.provider.tcp.kernel.KernelNio;
import io.jwsp.provider.tcp.kernel.NativeSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A JDK {@link SocketChannel} over a descriptor that came from another process. The JDK cannot wrap a raw
 * descriptor, but a channel's descriptor number is fixed while it is open: so a channel is connected to a listener
 * of our own first (the JDK then holds it as connected), and dup2 puts the received socket in that descriptor's place
 * (the stand-in connection goes away with it). From then on the JDK's reads, writes, selector and options work on
 * the received socket; only the names the JDK remembers are the stand-in's, so callers take the kernel's
 * ({@link #local}, {@link #peer}).
 *
 * @param channel the channel, now over the received socket
 * @param fd      its descriptor number
 * @param local   getsockname of the received socket
 * @param peer    getpeername of the received socket
 */
public record AdoptedChannel(SocketChannel channel, int fd, InetSocketAddress local, InetSocketAddress peer) {

    /**
     * Takes {@code received} (a connected TCP socket, Linux family {@code linuxFamily}): on success it is the
     * channel's, on failure closed. Either way the caller no longer owns {@code received}.
     */
    public static AdoptedChannel adopt(int received, int linuxFamily) throws IOException {
        boolean six = linuxFamily == Descriptors.LINUX_AF_INET6;
        InetSocketAddress local = NativeSockets.localAddress(received);
        InetSocketAddress peer = NativeSockets.peerAddress(received);
        if (local == null || peer == null) {
            Descriptors.close(received);
            throw new IOException("the duplicated socket is not connected");
        }
        StandardProtocolFamily family = six ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        SocketChannel ch = null;
        int slot;
        try (ServerSocketChannel standIn = KernelNio.provider().openServerSocketChannel(family)) {
            standIn.bind(new InetSocketAddress(InetAddress.getByName(six ? "::1" : "127.0.0.1"), 0), 1);
            ch = KernelNio.provider().openSocketChannel(family);
            ch.connect(standIn.getLocalAddress());
            try (SocketChannel other = standIn.accept()) {
                int at = FdLocator.find((InetSocketAddress) ch.getLocalAddress(),
                        (InetSocketAddress) ch.getRemoteAddress());
                if (at < 0 || Descriptors.dup2(received, at) != at) {
                    throw new IOException("cannot put the duplicated socket in a channel's place");
                }
                slot = at;
            }
        } catch (IOException | RuntimeException e) {
            Descriptors.close(received); // dup2 or not, this reference is still ours; the channel's goes below
            if (ch != null) {
                ch.close();
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
        Descriptors.close(received); // the channel's descriptor holds the socket now
        return new AdoptedChannel(ch, slot, local, peer);
    }
}
