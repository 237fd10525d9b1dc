package io.jwsp.provider.tcp.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The few socket calls the JDK has no way to make, through the FFM API (no JNI): the kernel's send-queue counters
 * and the names of a raw descriptor. Linux only (the ioctl numbers are Linux's); elsewhere {@link #available()}
 * is false, every query answers "unknown" ({@code -1} / {@code null}), and the provider falls back as documented
 * on {@code TcpSocket}.
 */
public final class NativeSockets {
    /** SIOCOUTQ (= TIOCOUTQ): bytes in the send queue not yet acknowledged by the peer (unsent + in flight). */
    static final long SIOCOUTQ = 0x5411;
    /** SIOCOUTQNSD: bytes not yet sent at all (in flight excluded). */
    static final long SIOCOUTQNSD = 0x894B;
    private static final int LINUX_AF_INET = 2;
    private static final int LINUX_AF_INET6 = 10;
    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SOCK_STREAM = 1;
    private static final int IPPROTO_TCP = 6;
    /** TCP_INFO: its first byte is tcpi_state; Linux copies as much of the struct as the caller asks for. */
    private static final int TCP_INFO = 11;

    private static final MethodHandle IOCTL;
    private static final MethodHandle GETSOCKNAME;
    private static final MethodHandle GETPEERNAME;
    private static final MethodHandle GETSOCKOPT;
    private static final String UNAVAILABLE_REASON;

    static {
        MethodHandle[] handles = new MethodHandle[4];
        String reason = link(handles);
        IOCTL = handles[0];
        GETSOCKNAME = handles[1];
        GETPEERNAME = handles[2];
        GETSOCKOPT = handles[3];
        UNAVAILABLE_REASON = reason;
    }

    /** Links ioctl, getsockname, getpeername and getsockopt from libc; answers why not ("" when linked). */
    @SuppressWarnings("restricted") // native access is this class's purpose; the module asks for it
    private static String link(MethodHandle[] out) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "SIOCOUTQ is a Linux ioctl; this is " + System.getProperty("os.name");
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            FunctionDescriptor nameFn = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
            MethodHandle ioctl = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
            MethodHandle sockName = linker.downcallHandle(libc.find("getsockname").orElseThrow(), nameFn);
            MethodHandle peerName = linker.downcallHandle(libc.find("getpeername").orElseThrow(), nameFn);
            MethodHandle sockOpt = linker.downcallHandle(libc.find("getsockopt").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
            out[0] = ioctl;
            out[1] = sockName;
            out[2] = peerName;
            out[3] = sockOpt;
            return "";
        } catch (RuntimeException | LinkageError e) {
            // IllegalCallerException when native access is denied (--illegal-native-access=deny), among others
            return "native socket calls unavailable: " + e;
        }
    }

    private NativeSockets() {
    }

    public static boolean available() {
        return IOCTL != null;
    }

    /** Why {@link #available()} is false ("" when it is true). */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /** Bytes the kernel holds that the peer has not acknowledged (SIOCOUTQ), or -1 when unknown. */
    public static int unacknowledged(int fd) {
        return ioctlInt(fd, SIOCOUTQ);
    }

    /** Bytes the kernel has not sent at all (SIOCOUTQNSD), or -1 when unknown. */
    public static int unsent(int fd) {
        return ioctlInt(fd, SIOCOUTQNSD);
    }

    private static int ioctlInt(int fd, long request) {
        if (IOCTL == null || fd < 0) {
            return -1;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            int rc = (int) IOCTL.invokeExact(fd, request, out);
            return rc < 0 ? -1 : out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** getsockname of a raw descriptor, or {@code null} when it is not an IP socket. */
    public static InetSocketAddress localAddress(int fd) {
        return name(GETSOCKNAME, fd);
    }

    /** getpeername of a raw descriptor, or {@code null} when it is not a connected IP socket. */
    public static InetSocketAddress peerAddress(int fd) {
        return name(GETPEERNAME, fd);
    }

    /** An int-valued SOL_SOCKET option of a raw descriptor, or {@code Integer.MIN_VALUE} on failure. */
    static int socketOption(int fd, int name) {
        if (GETSOCKOPT == null) {
            return Integer.MIN_VALUE;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment val = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 4);
            int rc = (int) GETSOCKOPT.invokeExact(fd, SOL_SOCKET, name, val, len);
            return rc < 0 ? Integer.MIN_VALUE : val.get(JAVA_INT, 0);
        } catch (Throwable t) {
            return Integer.MIN_VALUE;
        }
    }

    /**
     * The kernel's TCP state of a descriptor (tcpi_state of TCP_INFO), or {@code null} when unknown. CLOSE_WAIT
     * says the peer's FIN arrived, whether or not the data before it was read: the one thing readiness cannot tell
     * while data waits unread.
     */
    public static TcpState tcpState(int fd) {
        if (GETSOCKOPT == null || fd < 0) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment val = arena.allocate(8, 8);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 8);
            int rc = (int) GETSOCKOPT.invokeExact(fd, IPPROTO_TCP, TCP_INFO, val, len);
            return rc < 0 ? null : TcpState.of(Byte.toUnsignedInt(val.get(ValueLayout.JAVA_BYTE, 0)));
        } catch (Throwable t) {
            return null;
        }
    }

    private static InetSocketAddress name(MethodHandle call, int fd) {
        if (call == null) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(128, 8);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 128);
            int rc = (int) call.invokeExact(fd, sa, len);
            if (rc < 0) {
                return null;
            }
            int family = Short.toUnsignedInt(sa.get(ValueLayout.JAVA_SHORT, 0));
            int port = Short.toUnsignedInt(Short.reverseBytes(sa.get(ValueLayout.JAVA_SHORT, 2)));
            byte[] addr;
            if (family == LINUX_AF_INET) {
                addr = sa.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
            } else if (family == LINUX_AF_INET6) {
                addr = sa.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
            } else {
                return null;
            }
            // getByAddress turns an IPv4-mapped IPv6 address into an Inet4Address, as the JDK reports it
            return new InetSocketAddress(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            return null;
        } catch (Throwable t) {
            return null;
        }
    }
}
