package io.jwsp.provider.irda.handover;

import io.jwsp.provider.irda.medium.UdpTransport;
import java.net.InetSocketAddress;

/** The hand-overs' view of the UDP medium: its carriage and its device routes. */
public final class TransportWire implements HandoverWire {
    private final UdpTransport transport;

    public TransportWire(UdpTransport transport) {
        this.transport = transport;
    }

    @Override
    public void send(InetSocketAddress to, byte[] frame) {
        transport.sendPayload(to, frame);
    }

    @Override
    public InetSocketAddress routeOf(int device) {
        return transport.routeOf(device);
    }

    @Override
    public void learnRoute(int device, InetSocketAddress to) {
        transport.learnRoute(device, to);
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }
}
