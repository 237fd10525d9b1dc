package io.jwsp.provider.tcp.dup;

import io.jwsp.provider.tcp.kernel.Descriptors;
import io.jwsp.provider.tcp.kernel.FdPassing;
import io.jwsp.provider.tcp.kernel.FdPassing.PeerCredentials;
import io.jwsp.provider.tcp.kernel.FdPassing.Received;
import io.jwsp.spi.result.WsaError;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's half of a duplication: connect to the target's endpoint, make sure the process there is the one asked
 * for and runs as this user (SO_PEERCRED), pass the descriptor with a fresh token and wait, at most
 * {@link DuplicateInbox#EXCHANGE_DEADLINE}, for the target to say it parked it.
 */
public final class DuplicateSender {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicateSender.class);
    private static final long SELF = ProcessHandle.current().pid();

    private DuplicateSender() {
    }

    /**
     * Passes {@code fd} to process {@code targetPid} under {@code token}: {@code null} once the target parked it;
     * WSAEINVAL when the directory is not ours alone, no jwsp process accepting duplicates is there, the process
     * there is not {@code targetPid} or not of our uid, or it refused; WSAENOBUFS when the message could not go out.
     */
    public static WsaError send(InboxDirectory dir, long targetPid, int fd, byte[] token) {
        if (!FdPassing.available()) {
            return WsaError.WSAEOPNOTSUPP;
        }
        String distrust = dir.check();
        Path endpoint = dir.endpoint(targetPid);
        if (distrust != null || !Files.exists(endpoint, LinkOption.NOFOLLOW_LINKS)) {
            LOG.debug("no duplicate inbox for pid {}: {}", targetPid, distrust == null ? "no " + endpoint : distrust);
            return WsaError.WSAEINVAL;
        }
        int conn = FdPassing.connect(endpoint);
        if (conn < 0) {
            return WsaError.WSAEINVAL;
        }
        try {
            PeerCredentials who = FdPassing.peer(conn);
            if (who == null || who.pid() != targetPid || who.uid() != Descriptors.uid()) {
                LOG.warn("the duplicate inbox {} is held by {}, not by pid {} of uid {}", endpoint, who, targetPid,
                        Descriptors.uid());
                return WsaError.WSAEINVAL;
            }
            if (!FdPassing.deadline(conn, DuplicateInbox.EXCHANGE_DEADLINE)
                    || !FdPassing.send(conn, new DuplicateMessage(token, SELF, targetPid).encode(), fd)) {
                return WsaError.WSAENOBUFS;
            }
            Received answer = FdPassing.receive(conn, 1);
            if (answer == null || answer.bytes().length != 1 || answer.bytes()[0] != DuplicateMessage.PARKED) {
                if (answer != null) {
                    FdPassing.closeAll(answer.descriptors()); // the target has no business sending any
                }
                return WsaError.WSAEINVAL;
            }
            FdPassing.closeAll(answer.descriptors());
            return null;
        } finally {
            Descriptors.close(conn);
        }
    }
}
