package io.jwsp.provider.tcp.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * AF_UNIX stream sockets that carry a descriptor (SCM_RIGHTS) and say who is at the other end (SO_PEERCRED), through
 * the FFM API. The layouts are Linux LP64's, the same on x86_64 and aarch64: {@code struct sockaddr_un} (a short
 * family, 108 path bytes), {@code struct msghdr} (56 bytes: name 0, namelen 8, iov 16, iovlen 24, control 32,
 * controllen 40, flags 48), {@code struct iovec} (16), {@code struct cmsghdr} ({@link ControlMessages}),
 * {@code struct ucred} (pid, uid, gid: three ints) and {@code struct timeval} (two longs). Every call answers -1 /
 * {@code null} on failure, never throws.
 */
public final class FdPassing {
    private static final int AF_UNIX = 1;
    private static final int SUN_PATH = 108;
    private static final int SOCKADDR_UN = 2 + SUN_PATH;
    private static final int MSGHDR = 56;
    private static final int IOVEC = 16;
    private static final int SO_PEERCRED = 17;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_SNDTIMEO = 21;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_TRUNC = 0x20;
    private static final int SHUT_RDWR = 2;

    /** What one receive brought: the bytes, the descriptors (already ours to close), whether anything was cut. */
    public record Received(byte[] bytes, int[] descriptors, boolean truncated) {
    }

    /** SO_PEERCRED: who holds the other end (as of its connect or listen). */
    public record PeerCredentials(long pid, int uid, int gid) {
    }

    private static final FunctionDescriptor ADDRESS_CALL = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final FunctionDescriptor MESSAGE_CALL = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SOCKET = Libc.downcall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = Libc.downcall("bind", ADDRESS_CALL);
    private static final MethodHandle LISTEN = Libc.downcall("listen",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = Libc.downcall("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = Libc.downcall("connect", ADDRESS_CALL);
    private static final MethodHandle SENDMSG = Libc.downcall("sendmsg", MESSAGE_CALL);
    private static final MethodHandle RECVMSG = Libc.downcall("recvmsg", MESSAGE_CALL);
    private static final MethodHandle GETSOCKOPT = Libc.downcall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = Libc.downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SHUTDOWN = Libc.downcall("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private FdPassing() {
    }

    public static boolean available() {
        return SOCKET != null && BIND != null && LISTEN != null && ACCEPT4 != null && CONNECT != null
                && SENDMSG != null && RECVMSG != null && GETSOCKOPT != null && SETSOCKOPT != null && SHUTDOWN != null
                && Descriptors.available();
    }

    /** Whether {@code path} fits in sun_path (with its terminating NUL). */
    public static boolean fits(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length < SUN_PATH;
    }

    /** A listening AF_UNIX stream socket bound at {@code path} (which must not exist), or -1. */
    public static int listen(Path path, int backlog) {
        return addressed(path, backlog);
    }

    /** The next connection (close-on-exec), or -1 (also once {@link #shutdown} ended the wait). */
    public static int accept(int listener) {
        try {
            return ACCEPT4 == null ? -1
                    : (int) ACCEPT4.invokeExact(listener, MemorySegment.NULL, MemorySegment.NULL, Descriptors.SOCK_CLOEXEC);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** A stream socket connected to the listener at {@code path}, or -1. */
    public static int connect(Path path) {
        return addressed(path, -1);
    }

    /** A new AF_UNIX socket bound and listening at {@code path} ({@code backlog} &ge; 0) or connected to it; -1. */
    private static int addressed(Path path, int backlog) {
        int fd = newSocket();
        if (fd < 0) {
            return -1;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = address(arena, path);
            boolean done = sa != null && (backlog >= 0
                    ? (int) BIND.invokeExact(fd, sa, SOCKADDR_UN) == 0 && (int) LISTEN.invokeExact(fd, backlog) == 0
                    : (int) CONNECT.invokeExact(fd, sa, SOCKADDR_UN) == 0);
            if (done) {
                return fd;
            }
        } catch (Throwable t) {
            // closed below
        }
        Descriptors.close(fd);
        return -1;
    }

    /** Wakes a thread in {@link #accept} or a receive on {@code fd} (Linux: accept then fails). */
    public static void shutdown(int fd) {
        try {
            if (SHUTDOWN != null && fd >= 0) {
                int ignored = (int) SHUTDOWN.invokeExact(fd, SHUT_RDWR);
            }
        } catch (Throwable t) {
            // nothing to wake
        }
    }

    /** SO_PEERCRED of a connected AF_UNIX socket, or {@code null}. */
    public static PeerCredentials peer(int fd) {
        if (GETSOCKOPT == null || fd < 0) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cred = arena.allocate(12, 4);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 12);
            int rc = (int) GETSOCKOPT.invokeExact(fd, Descriptors.SOL_SOCKET, SO_PEERCRED, cred, len);
            if (rc < 0 || len.get(JAVA_INT, 0) != 12) {
                return null;
            }
            return new PeerCredentials(cred.get(JAVA_INT, 0), cred.get(JAVA_INT, 4), cred.get(JAVA_INT, 8));
        } catch (Throwable t) {
            return null;
        }
    }

    /** SO_RCVTIMEO and SO_SNDTIMEO: no send or receive on {@code fd} waits longer than {@code limit}. */
    public static boolean deadline(int fd, Duration limit) {
        if (SETSOCKOPT == null || fd < 0) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(JAVA_LONG, 0, limit.toSeconds());
            tv.set(JAVA_LONG, 8, Math.max(1, limit.toNanosPart() / 1000));
            return (int) SETSOCKOPT.invokeExact(fd, Descriptors.SOL_SOCKET, SO_RCVTIMEO, tv, 16) == 0
                    && (int) SETSOCKOPT.invokeExact(fd, Descriptors.SOL_SOCKET, SO_SNDTIMEO, tv, 16) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** One sendmsg of {@code payload}, with the descriptors {@code passed} (any number) in SCM_RIGHTS; whether all went. */
    public static boolean send(int fd, byte[] payload, int... passed) {
        if (SENDMSG == null || fd < 0 || payload.length == 0 || passed.length > ControlMessages.MAX_DESCRIPTORS) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(payload.length);
            MemorySegment.copy(payload, 0, data, JAVA_BYTE, 0, payload.length);
            MemorySegment iov = arena.allocate(IOVEC, 8);
            iov.set(ADDRESS, 0, data);
            iov.set(JAVA_LONG, 8, payload.length);
            MemorySegment msg = arena.allocate(MSGHDR, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1);
            if (passed.length > 0) {
                MemorySegment control = arena.allocate(ControlMessages.space(4 * passed.length), 8);
                control.set(JAVA_LONG, 0, ControlMessages.length(4 * passed.length));
                control.set(JAVA_INT, 8, Descriptors.SOL_SOCKET);
                control.set(JAVA_INT, 12, ControlMessages.SCM_RIGHTS);
                for (int i = 0; i < passed.length; i++) {
                    control.set(JAVA_INT, ControlMessages.HEADER + 4L * i, passed[i]);
                }
                msg.set(ADDRESS, 32, control);
                msg.set(JAVA_LONG, 40, control.byteSize());
            }
            long n = (long) SENDMSG.invokeExact(fd, msg, MSG_NOSIGNAL);
            return n == payload.length;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * One recvmsg of at most {@code maxBytes} with room for {@link ControlMessages#MAX_DESCRIPTORS} descriptors
     * (close-on-exec); {@code null} on failure or end of stream. A malformed control part leaves no descriptor
     * open: what it carried is closed here, and {@code truncated} says so.
     */
    public static Received receive(int fd, int maxBytes) {
        if (RECVMSG == null || fd < 0 || maxBytes <= 0) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(maxBytes);
            MemorySegment iov = arena.allocate(IOVEC, 8);
            iov.set(ADDRESS, 0, data);
            iov.set(JAVA_LONG, 8, maxBytes);
            int room = ControlMessages.space(4 * ControlMessages.MAX_DESCRIPTORS);
            MemorySegment control = arena.allocate(room, 8);
            MemorySegment msg = arena.allocate(MSGHDR, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, room);
            long n = (long) RECVMSG.invokeExact(fd, msg, MSG_CMSG_CLOEXEC);
            if (n < 0) {
                return null;
            }
            long controlLength = msg.get(JAVA_LONG, 40);
            int flags = msg.get(JAVA_INT, 48);
            int[][] strays = new int[1][];
            int[] fds = ControlMessages.descriptors(control.toArray(JAVA_BYTE),
                    (int) Math.min(room, Math.max(0, controlLength)), strays);
            boolean cut = (flags & (MSG_CTRUNC | MSG_TRUNC)) != 0;
            if (fds == null || cut) {
                closeAll(fds == null ? strays[0] : fds);
                return n == 0 ? null : new Received(data.asSlice(0, n).toArray(JAVA_BYTE), new int[0], true);
            }
            if (n == 0 && fds.length == 0) {
                return null;
            }
            return new Received(data.asSlice(0, n).toArray(JAVA_BYTE), fds, false);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void closeAll(int[] fds) {
        for (int fd : fds) {
            Descriptors.close(fd);
        }
    }

    private static int newSocket() {
        try {
            return SOCKET == null ? -1
                    : (int) SOCKET.invokeExact(AF_UNIX, Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            return -1;
        }
    }

    private static MemorySegment address(Arena arena, Path path) {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length >= SUN_PATH) {
            return null;
        }
        MemorySegment sa = arena.allocate(SOCKADDR_UN, 2);
        sa.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(p, 0, sa, JAVA_BYTE, 2, p.length);
        return sa;
    }
}
