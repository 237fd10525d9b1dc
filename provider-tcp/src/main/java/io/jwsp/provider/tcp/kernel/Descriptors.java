package io.jwsp.provider.tcp.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Plain descriptor calls through the FFM API (Linux, x86_64 and aarch64: the same numbers and layouts): dup, dup2,
 * close, socket, getuid, and the SOL_SOCKET options a shared descriptor needs (SO_LINGER, SO_DOMAIN, SO_TYPE).
 * Where they cannot be linked, {@link #available()} is false and every call answers -1.
 */
public final class Descriptors {
    static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_LINGER = 13;
    private static final int SO_DOMAIN = 39;
    public static final int LINUX_AF_INET = 2;
    public static final int LINUX_AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;

    private static final MethodHandle DUP = Libc.downcall("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle DUP2 = Libc.downcall("dup2",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = Libc.downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKET = Libc.downcall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle GETUID = Libc.downcall("getuid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SETSOCKOPT = Libc.downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

    private Descriptors() {
    }

    public static boolean available() {
        return DUP != null && DUP2 != null && CLOSE != null && SOCKET != null && GETUID != null && SETSOCKOPT != null;
    }

    public static int dup(int fd) {
        try {
            return DUP == null || fd < 0 ? -1 : (int) DUP.invokeExact(fd);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** dup2: {@code to} names what {@code from} names; whatever {@code to} named loses this reference. */
    public static int dup2(int from, int to) {
        try {
            return DUP2 == null || from < 0 || to < 0 ? -1 : (int) DUP2.invokeExact(from, to);
        } catch (Throwable t) {
            return -1;
        }
    }

    public static int close(int fd) {
        try {
            return CLOSE == null || fd < 0 ? -1 : (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** A new unconnected stream socket of Linux family {@code linuxFamily} (close-on-exec), or -1. */
    public static int streamSocket(int linuxFamily) {
        try {
            return SOCKET == null ? -1 : (int) SOCKET.invokeExact(linuxFamily, SOCK_STREAM | SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** This process's real user id, or -1. */
    public static int uid() {
        try {
            return GETUID == null ? -1 : (int) GETUID.invokeExact();
        } catch (Throwable t) {
            return -1;
        }
    }

    /** The Linux address family of a socket descriptor (SO_DOMAIN), or -1. */
    public static int domain(int fd) {
        return intOption(fd, SO_DOMAIN);
    }

    /** The socket type of a descriptor (SO_TYPE), or -1 (also for a descriptor that is no socket). */
    public static int type(int fd) {
        return intOption(fd, SO_TYPE);
    }

    public static boolean isStream(int fd) {
        return type(fd) == SOCK_STREAM;
    }

    /** The kernel's SO_LINGER of a socket: {1,0} when {@code abortive} (the last close resets), else off. */
    public static boolean setKernelLinger(int fd, boolean abortive) {
        if (SETSOCKOPT == null || fd < 0) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linger = arena.allocate(8, 4); // struct linger { int l_onoff; int l_linger; }
            linger.set(JAVA_INT, 0, abortive ? 1 : 0);
            linger.set(JAVA_INT, 4, 0);
            return (int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_LINGER, linger, 8) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    private static int intOption(int fd, int name) {
        int v = fd < 0 ? Integer.MIN_VALUE : NativeSockets.socketOption(fd, name);
        return v == Integer.MIN_VALUE ? -1 : v;
    }
}
