package io.jwsp.spi.io;

import io.jwsp.spi.result.WsaError;

/**
 * LPWSAOVERLAPPED_COMPLETION_ROUTINE. Runs on the thread that issued the operation, the next time that thread waits
 * alertably (as an APC).
 */
@FunctionalInterface
public interface CompletionRoutine {
    /**
     * @param error            {@code null} on success, WSA_OPERATION_ABORTED when the socket was closed, ...
     * @param bytesTransferred bytes sent or received
     * @param overlapped       the operation's overlapped record
     * @param flags            MSG_* flags of a receive
     */
    void completed(WsaError error, int bytesTransferred, Overlapped overlapped, int flags);
}
