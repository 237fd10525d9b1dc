package io.jwsp.carriage;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A peer the test drives by hand: a plain socket that builds, signs and reads envelopes itself. */
final class FakePeer implements AutoCloseable {
    final DatagramSocket socket;
    final InetSocketAddress address;
    private final Authenticator auth;

    FakePeer(byte[] key) throws IOException {
        this(key, 0);
    }

    FakePeer(byte[] key, int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(5000);
        address = (InetSocketAddress) socket.getLocalSocketAddress();
        auth = new Authenticator(key);
    }

    /** The datagram of {@code e} from this peer to {@code to}, signed. */
    byte[] signed(Envelope e, InetSocketAddress to) {
        byte[] d = e.encode();
        auth.sign(d, address, to);
        return d;
    }

    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    /** The next envelope of {@code type} this peer receives (others are skipped); fails after the socket timeout. */
    Envelope await(EnvelopeType type) throws IOException {
        byte[] buf = new byte[Envelope.MAX_DATAGRAM];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no " + type + " came");
            }
            Envelope e = Envelope.decode(Arrays.copyOf(buf, p.getLength()), p.getLength());
            if (e != null && e.type() == type) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
