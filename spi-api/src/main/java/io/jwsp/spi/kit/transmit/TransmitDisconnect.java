package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;

/**
 * How a transmit with TF_DISCONNECT ends the connection once its data is queued: DisconnectEx on the same socket.
 * Answers as an overlapped operation does: pending (then it completes {@code overlapped}), done at once (and it
 * still performed {@code overlapped}'s completion), or failed at once (no completion).
 */
@FunctionalInterface
public interface TransmitDisconnect {
    /** @param flags TF_REUSE_SOCKET or 0 */
    WspResult<Void> disconnect(int flags, Overlapped overlapped);

    /** Whether TF_REUSE_SOCKET can be kept; when not, a transmit asking for it is refused before it sends a byte. */
    default boolean canReuse() {
        return true;
    }
}
