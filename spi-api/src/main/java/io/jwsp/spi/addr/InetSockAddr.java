package io.jwsp.spi.addr;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * SOCKADDR_IN / SOCKADDR_IN6: an IP address and a port. Written {@code HOST:PORT}, or {@code [V6]:PORT} for IPv6.
 * Never resolves names: {@link #parse} takes literal addresses and {@code localhost} only.
 */
public record InetSockAddr(InetAddress address, int port) implements SockAddr {

    public InetSockAddr {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static InetSockAddr of(InetSocketAddress a) {
        return new InetSockAddr(a.getAddress(), a.getPort());
    }

    public static InetSockAddr loopback4(int port) {
        return new InetSockAddr(InetAddress.getLoopbackAddress() instanceof Inet4Address l ? l : v4Loopback(), port);
    }

    public static InetSockAddr any4(int port) {
        try {
            return new InetSockAddr(InetAddress.getByAddress(new byte[4]), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress v4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Parses {@code HOST:PORT} or {@code [V6]:PORT}; HOST is a literal address or {@code localhost}. */
    public static InetSockAddr parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [V6]:PORT, got " + text);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException("expected HOST:PORT or [V6]:PORT, got " + text);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + text);
        }
        InetAddress a;
        if (host.equals("localhost")) {
            a = v4Loopback();
        } else if (host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            try {
                a = InetAddress.getByName(host); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad address in " + text);
            }
        } else {
            throw new IllegalArgumentException("only literal addresses and localhost are accepted: " + text);
        }
        return new InetSockAddr(a, p);
    }

    @Override
    public int addressFamily() {
        return address instanceof Inet4Address ? AddressFamily.AF_INET : AddressFamily.AF_INET6;
    }

    public InetSocketAddress toInetSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    public boolean isWildcard() {
        return address.isAnyLocalAddress();
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return address instanceof Inet4Address ? host + ":" + port : "[" + host + "]:" + port;
    }
}
