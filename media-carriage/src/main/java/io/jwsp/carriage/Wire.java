package io.jwsp.carriage;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carriage's socket seen from the sending side: each envelope signed for its two addresses, then sent. Used
 * under the carriage's lock only (the MAC is not thread-safe; the receive thread has one of its own).
 */
final class Wire {
    private static final Logger LOG = LoggerFactory.getLogger(Wire.class);

    private final String name;
    private final DatagramSocket socket;
    private final InetSocketAddress local;
    private final Authenticator auth;
    private volatile boolean closed;

    Wire(String name, DatagramSocket socket, byte[] key) {
        this.name = name;
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.auth = new Authenticator(key);
    }

    InetSocketAddress local() {
        return local;
    }

    void transmit(InetSocketAddress to, Envelope e) {
        byte[] d = e.encode();
        auth.sign(d, local, to);
        try {
            socket.send(new DatagramPacket(d, d.length, to));
        } catch (IOException e2) {
            if (!closed) {
                LOG.debug("carriage {}: send to {} failed: {}", name, to, e2.toString());
            }
        }
    }

    void close() {
        closed = true;
        socket.close();
    }
}
