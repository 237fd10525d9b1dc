package io.jwsp.provider.loopback.net;

import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory IP address space of one provider instance (so of one runtime: two runtimes never see each other).
 * Ports are per transport and address family; a binding conflicts with another on the same port when their
 * addresses are equal or either is the wildcard, unless the newcomer set SO_REUSEADDR (Windows' rule). Only
 * loopback and wildcard addresses are local. Port 0 takes the next free port of the dynamic range 49152-65535.
 *
 * <p>This is a leaf lock: it never calls out while held.
 */
public final class AddressSpace {
    public static final int EPHEMERAL_FIRST = 49152;
    public static final int EPHEMERAL_LAST = 65535;

    private record Binding(Object owner, InetAddress address, boolean reuse) {
    }

    private final Map<Long, List<Binding>> ports = new HashMap<>();
    private int nextEphemeral = EPHEMERAL_FIRST;

    private static long key(Transport t, int family, int port) {
        return (long) t.ordinal() << 40 | (long) family << 20 | port;
    }

    /** Whether {@code address} names this host: a loopback or wildcard address. */
    public static boolean isLocal(InetAddress address) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress();
    }

    /**
     * Binds {@code owner} to {@code requested}; answers the name actually bound (with the allocated port), or
     * WSAEADDRNOTAVAIL, WSAEADDRINUSE, WSAENOBUFS (no ephemeral port left).
     */
    public synchronized WspResult<InetSockAddr> bind(Transport t, Object owner, InetSockAddr requested,
                                                     boolean reuse) {
        InetAddress address = requested.address();
        if (!isLocal(address)) {
            return WspResult.fail(WsaError.WSAEADDRNOTAVAIL);
        }
        int family = requested.addressFamily();
        int port = requested.port();
        if (port == 0) {
            port = freeEphemeral(t, family);
            if (port < 0) {
                return WspResult.fail(WsaError.WSAENOBUFS);
            }
        } else if (!reuse && conflicts(t, family, port, address)) {
            return WspResult.fail(WsaError.WSAEADDRINUSE);
        }
        ports.computeIfAbsent(key(t, family, port), k -> new ArrayList<>(1))
                .add(new Binding(owner, address, reuse));
        return WspResult.ok(new InetSockAddr(address, port));
    }

    public synchronized void unbind(Transport t, Object owner, InetSockAddr bound) {
        long k = key(t, bound.addressFamily(), bound.port());
        List<Binding> list = ports.get(k);
        if (list == null) {
            return;
        }
        list.removeIf(b -> b.owner == owner);
        if (list.isEmpty()) {
            ports.remove(k);
        }
    }

    /**
     * The owners bound where a packet for {@code destination} would land: exact address matches first, then
     * wildcard bindings, each in binding order. The caller checks their state under their own locks.
     */
    public synchronized List<Object> receivers(Transport t, InetSockAddr destination) {
        List<Binding> list = ports.get(key(t, destination.addressFamily(), destination.port()));
        if (list == null) {
            return List.of();
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Binding b : list) {
            if (b.address.equals(destination.address())) {
                out.add(b.owner);
            }
        }
        for (Binding b : list) {
            if (b.address.isAnyLocalAddress() && !b.address.equals(destination.address())) {
                out.add(b.owner);
            }
        }
        return out;
    }

    public synchronized void clear() {
        ports.clear();
    }

    private boolean conflicts(Transport t, int family, int port, InetAddress address) {
        List<Binding> list = ports.get(key(t, family, port));
        if (list == null) {
            return false;
        }
        for (Binding b : list) {
            if (b.address.equals(address) || b.address.isAnyLocalAddress() || address.isAnyLocalAddress()) {
                return true;
            }
        }
        return false;
    }

    private int freeEphemeral(Transport t, int family) {
        int span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        for (int i = 0; i < span; i++) {
            int p = nextEphemeral;
            nextEphemeral = p == EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1;
            if (!ports.containsKey(key(t, family, p))) {
                return p;
            }
        }
        return -1;
    }

    /** The loopback address of {@code family}, for names completed from a wildcard binding. */
    public static InetAddress loopbackOf(int family) {
        try {
            return family == AddressFamily.AF_INET6
                    ? InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
                    : InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
