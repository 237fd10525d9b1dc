package io.jwsp.runtime.duplicate;

import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WSADuplicateSocket into this very process, for every provider: the runtime issues a hidden handle at once (so the
 * socket lives on whatever happens to the original, as Windows' duplicate does) and a random token for it in
 * {@code dwProviderReserved}; WSASocket(FROM_PROTOCOL_INFO) in this runtime redeems the token once and hands that
 * handle out. A token of another runtime (even in this JVM: it shares no sockets with this one), a spent one or one
 * older than the time-to-live is WSAEINVAL; an expired token's handle is closed at the next duplication or
 * redemption, and the last cleanup closes whatever is left with every other handle.
 */
public final class InProcessDuplicates {
    /** The process every in-process duplicate names. */
    public static final long SELF = ProcessHandle.current().pid();
    private static final long MAGIC = 0x6A77_7370_2D72_7431L; // "jwsp-rt1"
    private static final int LENGTH = 8 + 16;

    private record Pending(long handle, long deadlineNanos) {
    }

    private final HandleTable handles;
    private final TimeSource clock;
    private final long ttlNanos;
    private final SecureRandom random = new SecureRandom();
    private final Map<ProviderReserved, Pending> pending = new HashMap<>();

    public InProcessDuplicates(HandleTable handles, TimeSource clock, long ttlNanos) {
        this.handles = handles;
        this.clock = clock;
        this.ttlNanos = ttlNanos;
    }

    /** Whether {@code reserved} has this registry's form (not whether it is known). */
    public static boolean isInProcess(ProviderReserved reserved) {
        byte[] b = reserved.bytes();
        return b.length == LENGTH && ByteBuffer.wrap(b).getLong() == MAGIC;
    }

    /** The info for a new hidden handle of {@code socket} (named by the caller's {@code handle}). */
    public WspResult<DuplicateInfo> duplicate(long handle, OpenSocket socket) {
        closeExpired();
        WspResult<Long> hidden = handles.duplicate(handle, socket);
        if (!hidden.isOk()) {
            return hidden.retype();
        }
        byte[] token = new byte[LENGTH];
        random.nextBytes(token);
        ByteBuffer.wrap(token).putLong(MAGIC);
        ProviderReserved reserved = ProviderReserved.of(token);
        synchronized (pending) {
            pending.put(reserved, new Pending(hidden.value(), clock.nanoTime() + ttlNanos));
        }
        return WspResult.ok(new DuplicateInfo(socket.socket().protocolInfo(), SELF, reserved));
    }

    /** The hidden handle {@code reserved} names, once; WSAEINVAL when unknown, spent, expired or swept. */
    public WspResult<Long> redeem(ProviderReserved reserved) {
        closeExpired();
        Pending p;
        synchronized (pending) {
            p = pending.remove(reserved);
        }
        // a cleanup since has swept the hidden handle with every other: nothing is left to hand out
        return p == null || handles.lookup(p.handle()) == null ? WspResult.fail(WsaError.WSAEINVAL)
                : WspResult.ok(p.handle());
    }

    /** Tokens still waiting (for tests). */
    public int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Closes the hidden handles whose tokens ran out, outside the registry's lock (a last close may linger). */
    private void closeExpired() {
        List<Long> expired = new ArrayList<>();
        long now = clock.nanoTime();
        synchronized (pending) {
            pending.values().removeIf(p -> {
                boolean out = now - p.deadlineNanos() >= 0;
                if (out) {
                    expired.add(p.handle());
                }
                return out;
            });
        }
        for (long h : expired) {
            handles.close(h, WspSocket::closeSocket); // a handle the cleanup already swept answers WSAENOTSOCK
        }
    }
}
