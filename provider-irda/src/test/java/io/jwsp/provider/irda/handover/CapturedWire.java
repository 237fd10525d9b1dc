package io.jwsp.provider.irda.handover;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/** A hand-over wire that catches what would be sent (decoded), with routes the test sets. */
final class CapturedWire implements HandoverWire {
    record Sent(InetSocketAddress to, HandoverFrame frame) {
    }

    final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    final Map<Integer, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private volatile Sent last;

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The last frame sent (whether or not taken from {@link #sent}). */
    Sent last() {
        return last;
    }

    @Override
    public void send(InetSocketAddress to, byte[] frame) {
        last = new Sent(to, HandoverCodec.decode(frame));
        sent.add(last);
    }

    @Override
    public InetSocketAddress routeOf(int device) {
        return routes.get(device);
    }

    @Override
    public void learnRoute(int device, InetSocketAddress to) {
        routes.put(device, to);
    }

    @Override
    public InetSocketAddress localAddress() {
        return loopback(41000);
    }
}
