package io.jwsp.provider.irda.handover;

import java.net.InetSocketAddress;

/** What a hand-over needs from the medium between processes (the UDP transport's carriage and device routes). */
public interface HandoverWire {
    /** Queues a hand-over frame for {@code to} on the carriage (behind every IrDA frame already given for it). */
    void send(InetSocketAddress to, byte[] frame);

    /** The carriage address of the process that owns {@code device}, or {@code null}. */
    InetSocketAddress routeOf(int device);

    /** From now on frames for {@code device} go to {@code to}. */
    void learnRoute(int device, InetSocketAddress to);

    /** This process's carriage address. */
    InetSocketAddress localAddress();
}
