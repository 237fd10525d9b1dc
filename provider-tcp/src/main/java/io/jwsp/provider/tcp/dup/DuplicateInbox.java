package io.jwsp.provider.tcp.dup;

import io.jwsp.provider.tcp.kernel.Descriptors;
import io.jwsp.provider.tcp.kernel.FdPassing;
import io.jwsp.provider.tcp.kernel.FdPassing.PeerCredentials;
import io.jwsp.provider.tcp.kernel.FdPassing.Received;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's endpoint for sockets other jwsp processes duplicate into it: an AF_UNIX listener at
 * {@code <dir>/<pid>.sock} in an owner-only {@link InboxDirectory}. For each connection, in turn and each bounded by
 * {@link #EXCHANGE_DEADLINE}: the peer must be of our uid (SO_PEERCRED), send exactly one well-formed
 * {@link DuplicateMessage} whose source is the peer's pid and whose target is us, with exactly one descriptor, a TCP
 * (stream, IPv4 or IPv6) socket; then the descriptor is parked under the message's token and the peer told so.
 * Anything else is refused and every descriptor that came with it closed. A parked descriptor is redeemed once
 * ({@link #redeem}); one nobody redeems is closed when its time-to-live ends.
 *
 * <p>One per directory and process, shared by the tcp providers that accept duplicates (the endpoint is named by
 * the pid, so two runtimes of one JVM cannot each have their own): {@link #acquire} and {@link #release} count
 * them; the last release closes the endpoint and every parked descriptor.
 */
public final class DuplicateInbox {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateInbox.class);
    /** The longest a peer may take to send its message (or a source to hear the answer). */
    public static final Duration EXCHANGE_DEADLINE = Duration.ofSeconds(2);
    private static final long SELF = ProcessHandle.current().pid();
    private static final Map<Path, DuplicateInbox> OPEN = new HashMap<>();

    private record Parked(int fd, long deadlineNanos) {
    }

    private final InboxDirectory directory;
    private final Path endpoint;
    private final long ttlNanos;
    private final int listener;
    private final Thread acceptor;
    private final ScheduledThreadPoolExecutor expiry;
    private final Map<String, Parked> parked = new HashMap<>();
    private final int uid = Descriptors.uid();
    // guarded by OPEN
    private int users;
    private volatile boolean closing;

    private DuplicateInbox(InboxDirectory directory, Path endpoint, Duration ttl, int listener) {
        this.directory = directory;
        this.endpoint = endpoint;
        this.ttlNanos = ttl.toNanos();
        this.listener = listener;
        this.expiry = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon()
                .name("jwsp-tcp-dup-expiry").unstarted(r));
        this.expiry.setRemoveOnCancelPolicy(true);
        this.acceptor = Thread.ofPlatform().daemon().name("jwsp-tcp-dup-inbox").unstarted(this::acceptLoop);
    }

    /**
     * The inbox of {@code dir} for this process, opened by the first user; an {@link IOException} saying why when the
     * directory cannot be trusted or the endpoint cannot be made.
     */
    public static DuplicateInbox acquire(InboxDirectory dir, Duration ttl) throws IOException {
        synchronized (OPEN) {
            DuplicateInbox inbox = OPEN.get(dir.path());
            if (inbox == null) {
                inbox = open(dir, ttl);
                OPEN.put(dir.path(), inbox);
            }
            inbox.users++;
            return inbox;
        }
    }

    private static DuplicateInbox open(InboxDirectory dir, Duration ttl) throws IOException {
        if (!FdPassing.available()) {
            throw new IOException("descriptor passing needs Linux and native access");
        }
        String distrust = dir.prepare();
        if (distrust != null) {
            throw new IOException(distrust);
        }
        Path endpoint = dir.endpoint(SELF);
        Files.deleteIfExists(endpoint); // a dead process with our pid left it, in a directory only we can write
        int fd = FdPassing.listen(endpoint, 16);
        if (fd < 0) {
            throw new IOException("cannot listen at " + endpoint);
        }
        DuplicateInbox inbox = new DuplicateInbox(dir, endpoint, ttl, fd);
        inbox.acceptor.start();
        return inbox;
    }

    /** One user less; the last closes the endpoint, waits for its thread and closes every parked descriptor. */
    public void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(directory.path());
        }
        closing = true;
        FdPassing.shutdown(listener); // wakes the acceptor (Linux: accept fails)
        try {
            acceptor.join(EXCHANGE_DEADLINE.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Descriptors.close(listener);
        expiry.shutdownNow();
        List<Parked> left;
        synchronized (parked) {
            left = new ArrayList<>(parked.values());
            parked.clear();
        }
        left.forEach(p -> Descriptors.close(p.fd()));
        try {
            Files.deleteIfExists(endpoint);
        } catch (IOException e) {
            LOG.debug("removing {}", endpoint, e);
        }
    }

    public InboxDirectory directory() {
        return directory;
    }

    /**
     * The descriptor parked under {@code key} ({@link DuplicateToken#of}), which is now the caller's; -1 when there is
     * none (unknown, already redeemed) or its time ran out (then it is closed here).
     */
    public int redeem(String key) {
        Parked p;
        synchronized (parked) {
            p = key == null ? null : parked.remove(key);
        }
        if (p == null) {
            return -1;
        }
        if (System.nanoTime() - p.deadlineNanos() >= 0) {
            Descriptors.close(p.fd());
            return -1;
        }
        return p.fd();
    }

    /** Descriptors parked and not yet redeemed or expired (for tests). */
    public int parkedCount() {
        synchronized (parked) {
            return parked.size();
        }
    }

    private void acceptLoop() {
        int failures = 0;
        while (!closing) {
            int conn = FdPassing.accept(listener);
            if (conn < 0) {
                if (closing || ++failures > 100) {
                    break;
                }
                continue;
            }
            failures = 0;
            try {
                byte answer = receive(conn) ? DuplicateMessage.PARKED : DuplicateMessage.REFUSED;
                FdPassing.send(conn, new byte[] {answer});
            } catch (RuntimeException e) {
                LOG.warn("tcp duplicate inbox: a connection failed", e);
            } finally {
                Descriptors.close(conn);
            }
        }
        if (!closing) {
            LOG.error("tcp duplicate inbox at {}: accept keeps failing; no more duplicates are received", endpoint);
        }
    }

    /** One exchange; whether a descriptor was parked. Every descriptor received and not parked is closed. */
    private boolean receive(int conn) {
        PeerCredentials who = FdPassing.peer(conn);
        if (who == null || who.uid() != uid || !FdPassing.deadline(conn, EXCHANGE_DEADLINE)) {
            LOG.warn("tcp duplicate inbox: refused a connection from {} (not uid {})", who, uid);
            return false;
        }
        Received r = FdPassing.receive(conn, DuplicateMessage.LENGTH + 1);
        if (r == null) {
            return false;
        }
        String refusal = refusal(r, who);
        if (refusal != null) {
            LOG.warn("tcp duplicate inbox: refused a descriptor from pid {}: {}", who.pid(), refusal);
            FdPassing.closeAll(r.descriptors());
            return false;
        }
        DuplicateMessage m = DuplicateMessage.decode(r.bytes());
        if (!park(DuplicateToken.key(m.token()), r.descriptors()[0])) {
            LOG.warn("tcp duplicate inbox: refused a token already parked (from pid {})", who.pid());
            Descriptors.close(r.descriptors()[0]);
            return false;
        }
        return true;
    }

    /** Why a received message is refused, or {@code null}: the checks every message passes before anything is kept. */
    static String refusal(Received r, PeerCredentials who) {
        if (r.truncated()) {
            return "malformed ancillary data";
        }
        DuplicateMessage m = DuplicateMessage.decode(r.bytes());
        if (m == null) {
            return "malformed message (" + r.bytes().length + " bytes)";
        }
        if (m.sourcePid() != who.pid()) {
            return "claims pid " + m.sourcePid() + " but is " + who.pid();
        }
        if (m.targetPid() != SELF) {
            return "meant for pid " + m.targetPid();
        }
        if (r.descriptors().length != 1) {
            return r.descriptors().length + " descriptors, not 1";
        }
        int fd = r.descriptors()[0];
        int domain = Descriptors.domain(fd);
        if (!Descriptors.isStream(fd) || (domain != Descriptors.LINUX_AF_INET && domain != Descriptors.LINUX_AF_INET6)) {
            return "the descriptor is no TCP socket";
        }
        return null;
    }

    /** Parks {@code fd} under {@code key}; {@code false} when the key is taken (the first one stays). */
    private boolean park(String key, int fd) {
        synchronized (parked) {
            if (parked.putIfAbsent(key, new Parked(fd, System.nanoTime() + ttlNanos)) != null) {
                return false;
            }
        }
        expiry.schedule(() -> expire(key, fd), ttlNanos, TimeUnit.NANOSECONDS);
        return true;
    }

    private void expire(String key, int fd) {
        boolean removed;
        synchronized (parked) {
            Parked p = parked.get(key);
            removed = p != null && p.fd() == fd && parked.remove(key, p);
        }
        if (removed) {
            Descriptors.close(fd);
        }
    }
}
