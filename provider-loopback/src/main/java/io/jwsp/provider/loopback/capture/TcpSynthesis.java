package io.jwsp.provider.loopback.capture;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.CaptureLink;
import io.jwsp.spi.trace.WirePacket;
import io.jwsp.spi.trace.WireTap;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the loopback provider's frames (SYN, SYN-ACK, DATA n, FIN, RST, DATAGRAM n) into the TCP/UDP packets a
 * kernel would have put on {@code lo}: each direction of a connection counts its sequence numbers from its own
 * initial number (SYN and FIN take one each, data its length), every segment after the SYN acknowledges what the
 * other side has sent so far (the in-memory transfer never loses anything), and advertises the receive buffer as
 * its window. Payload octets are zeros: the provider reports counts. Thread-safe.
 */
public final class TcpSynthesis {
    /** The largest segment written: data frames larger than this are cut, as TCP segments would be. */
    private static final int MAX_SEGMENT = 65_000;

    private final WireTap tap;
    private final TimeSource clock;
    private final int window;
    private final Map<String, Flow> flows = new HashMap<>();

    /** One direction of a connection: what it has sent so far. */
    private static final class Flow {
        final long isn;
        long next;
        boolean finished;

        Flow(long isn) {
            this.isn = isn;
            this.next = isn + 1;
        }
    }

    /** @param receiveBuffer the advertised window (capped at 65535: no window scaling) */
    public TcpSynthesis(WireTap tap, TimeSource clock, int receiveBuffer) {
        this.tap = tap;
        this.clock = clock;
        this.window = Math.clamp(receiveBuffer, 1, 0xFFFF);
    }

    /** One frame the provider reported; frames between addresses other than IP ones are left out. */
    public synchronized void frame(SockAddr from, SockAddr to, String kind, int bytes) {
        if (!(from instanceof InetSockAddr x) || !(to instanceof InetSockAddr y)
                || x.address().getAddress().length != y.address().getAddress().length) {
            return;
        }
        // a socket bound to the wildcard sends from the address it talks to: on loopback, the same one
        InetSockAddr a = x.isWildcard() ? new InetSockAddr(y.address(), x.port()) : x;
        InetSockAddr b = y.isWildcard() ? new InetSockAddr(a.address(), y.port()) : y;
        switch (kind) {
            case "SYN" -> {
                Flow f = new Flow(isn(a, b));
                flows.put(key(a, b), f);
                flows.remove(key(b, a));
                emit(a, b, f.isn, 0, IpPackets.SYN, 0);
            }
            case "SYN-ACK" -> {
                Flow peer = flows.get(key(b, a));
                if (peer == null || flows.containsKey(key(a, b))) {
                    return; // a second report of the same handshake (a conditional accept's)
                }
                Flow f = new Flow(isn(a, b));
                flows.put(key(a, b), f);
                emit(a, b, f.isn, peer.next, IpPackets.SYN | IpPackets.ACK, 0);
                emit(b, a, peer.next, f.next, IpPackets.ACK, 0); // the handshake's third segment
            }
            case "DATA" -> {
                Flow f = flows.get(key(a, b));
                if (f == null) {
                    return;
                }
                long ack = acked(b, a);
                for (int left = bytes; left > 0; ) {
                    int n = Math.min(left, MAX_SEGMENT);
                    emit(a, b, f.next, ack, IpPackets.ACK | IpPackets.PSH, n);
                    f.next += n;
                    left -= n;
                }
            }
            case "FIN" -> {
                Flow f = flows.get(key(a, b));
                if (f == null || f.finished) {
                    return;
                }
                emit(a, b, f.next, acked(b, a), IpPackets.FIN | IpPackets.ACK, 0);
                f.next++;
                f.finished = true;
            }
            case "RST" -> {
                Flow f = flows.get(key(a, b));
                Flow peer = flows.get(key(b, a));
                if (f == null && peer != null) {
                    // refused: the answer to a SYN carries no sequence number of its own (RFC 9293 3.10.7.1)
                    emit(a, b, 0, peer.next, IpPackets.RST | IpPackets.ACK, 0);
                } else if (f != null) {
                    emit(a, b, f.next, acked(b, a), IpPackets.RST | IpPackets.ACK, 0);
                }
                flows.remove(key(a, b));
                flows.remove(key(b, a));
            }
            case "DATAGRAM" -> tap.packet(new WirePacket(clock.nanoTime(), "loopback", CaptureLink.RAW,
                    IpPackets.udp(a.address(), a.port(), b.address(), b.port(), bytes)));
            default -> {
                // DROP and the like put nothing on the wire
            }
        }
    }

    private long acked(InetSockAddr sender, InetSockAddr receiver) {
        Flow f = flows.get(key(sender, receiver));
        return f == null ? 0 : f.next;
    }

    private void emit(InetSockAddr a, InetSockAddr b, long seq, long ack, int flags, int length) {
        tap.packet(new WirePacket(clock.nanoTime(), "loopback", CaptureLink.RAW, IpPackets.tcp(a.address(), a.port(),
                b.address(), b.port(), seq & 0xFFFFFFFFL, ack & 0xFFFFFFFFL, flags, window, length)));
    }

    private static String key(InetSockAddr from, InetSockAddr to) {
        return from + ">" + to;
    }

    /** A deterministic initial sequence number per connection direction, as a capture can be compared run to run. */
    private static long isn(InetSockAddr a, InetSockAddr b) {
        return ((long) a.port() * 0x9E3779B1L ^ (long) b.port() << 16) & 0xFFFFFFFFL;
    }
}
