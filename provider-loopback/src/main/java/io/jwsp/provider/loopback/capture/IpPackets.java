package io.jwsp.provider.loopback.capture;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * IPv4 (RFC 791) and IPv6 (RFC 8200) packets around a TCP (RFC 9293) or UDP (RFC 768) segment, with the IPv4
 * header checksum and the TCP/UDP checksum over the pseudo-header: what LINKTYPE_RAW carries.
 */
final class IpPackets {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    private static final int TTL = 64;

    private IpPackets() {
    }

    /** A TCP segment of {@code payloadLength} zero octets (the provider reports counts, not contents). */
    static byte[] tcp(InetAddress src, int srcPort, InetAddress dst, int dstPort, long seq, long ack, int flags,
                      int window, int payloadLength) {
        ByteBuffer t = ByteBuffer.allocate(20 + payloadLength);
        t.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack);
        t.put((byte) (5 << 4)).put((byte) flags).putShort((short) window);
        t.putShort((short) 0).putShort((short) 0); // checksum (below), urgent pointer
        byte[] seg = t.array();
        int sum = checksum(pseudoHeader(src, dst, TCP, seg.length), seg);
        seg[16] = (byte) (sum >>> 8);
        seg[17] = (byte) sum;
        return ip(src, dst, TCP, seg);
    }

    static byte[] udp(InetAddress src, int srcPort, InetAddress dst, int dstPort, int payloadLength) {
        ByteBuffer u = ByteBuffer.allocate(8 + payloadLength);
        u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payloadLength));
        byte[] seg = u.array();
        int sum = checksum(pseudoHeader(src, dst, UDP, seg.length), seg);
        sum = sum == 0 ? 0xFFFF : sum;
        seg[6] = (byte) (sum >>> 8);
        seg[7] = (byte) sum;
        return ip(src, dst, UDP, seg);
    }

    private static byte[] ip(InetAddress src, InetAddress dst, int protocol, byte[] payload) {
        if (src instanceof Inet6Address) {
            ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
            b.putInt(6 << 28).putShort((short) payload.length).put((byte) protocol).put((byte) TTL);
            b.put(src.getAddress()).put(dst.getAddress()).put(payload);
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
        b.putShort((short) 0).putShort((short) 0x4000); // id 0, don't fragment
        b.put((byte) TTL).put((byte) protocol).putShort((short) 0);
        b.put(src.getAddress()).put(dst.getAddress());
        byte[] p = b.array();
        int sum = checksum(new byte[0], java.util.Arrays.copyOf(p, 20));
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
        System.arraycopy(payload, 0, p, 20, payload.length);
        return p;
    }

    private static byte[] pseudoHeader(InetAddress src, InetAddress dst, int protocol, int length) {
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        ByteBuffer b = ByteBuffer.allocate(s.length + d.length + (s.length == 16 ? 8 : 4));
        b.put(s).put(d);
        if (s.length == 16) {
            b.putInt(length).putInt(protocol);
        } else {
            b.put((byte) 0).put((byte) protocol).putShort((short) length);
        }
        return b.array();
    }

    /** The Internet checksum (RFC 1071) over two byte runs, each of even length but the last. */
    private static int checksum(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i + 1 < a.length; i += 2) {
            sum += (a[i] & 0xFF) << 8 | (a[i + 1] & 0xFF);
        }
        for (int i = 0; i < b.length; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (i + 1 < b.length ? b[i + 1] & 0xFF : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
