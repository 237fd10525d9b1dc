package io.jwsp.provider.tcp.dup;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tcp provider's part in WSADuplicateSocket across processes, from its settings:
 * <ul>
 *   <li>{@code jwsp.tcp.acceptduplicates} ({@code false}): whether this process receives sockets other processes
 *       duplicate into it (it then keeps a {@link DuplicateInbox} from the first startup to the last cleanup);</li>
 *   <li>{@code jwsp.tcp.duplicatedir}: the owner-only directory of the endpoints ({@link InboxDirectory#defaultPath});
 *       source and target must name the same one;</li>
 *   <li>{@code jwsp.tcp.duplicatettlms} (30000): how long a duplicated descriptor waits for its WSASocket.</li>
 * </ul>
 */
public final class Duplication {
    private static final Logger LOG = LoggerFactory.getLogger(Duplication.class);

    private final boolean accept;
    private final InboxDirectory directory;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private volatile DuplicateInbox inbox;

    public Duplication(ProviderContext context) {
        this.accept = Boolean.parseBoolean(context.setting("acceptduplicates", "false").trim());
        String dir = context.setting("duplicatedir", "").trim();
        this.directory = new InboxDirectory(dir.isEmpty() ? InboxDirectory.defaultPath() : Path.of(dir));
        long ms = Long.parseLong(context.setting("duplicatettlms", "30000").trim());
        if (ms < 0) {
            throw new IllegalArgumentException("tcp.duplicatettlms is 0 or more, not " + ms);
        }
        this.ttl = Duration.ofMillis(ms);
    }

    /** The first startup: opens (or joins) this process's inbox when duplicates are accepted. */
    public void start() {
        if (!accept || inbox != null) {
            return;
        }
        try {
            inbox = DuplicateInbox.acquire(directory, ttl);
        } catch (IOException e) {
            LOG.warn("tcp: sockets duplicated into this process cannot be received: {}", e.getMessage());
        }
    }

    /** The last cleanup: leaves the inbox (the last user closes it and every descriptor still parked). */
    public void stop() {
        DuplicateInbox in = inbox;
        inbox = null;
        if (in != null) {
            in.release();
        }
    }

    /** Passes {@code fd} to process {@code targetPid}; the dwProviderReserved that redeems it there. */
    public WspResult<ProviderReserved> send(long targetPid, int fd) {
        byte[] token = new byte[DuplicateMessage.TOKEN_LENGTH];
        random.nextBytes(token);
        WsaError e = DuplicateSender.send(directory, targetPid, fd, token);
        return e == null ? WspResult.ok(DuplicateToken.reserved(token)) : WspResult.fail(e);
    }

    /** The descriptor {@code reserved} names in this process's inbox, now the caller's; -1 when none. */
    public int redeem(ProviderReserved reserved) {
        String key = DuplicateToken.of(reserved);
        DuplicateInbox in = inbox;
        return key == null || in == null ? -1 : in.redeem(key);
    }

    /** The inbox, while this provider keeps one (for tests). */
    public DuplicateInbox inbox() {
        return inbox;
    }
}
