package io.jwsp.provider.irda.handover;

/**
 * The Winsock-level options of a socket as WSADuplicateSocket took them, for the process that carries the
 * connection on: the linger pair, the buffer sizes and the time-outs (SO_ERROR and the blocking mode stay behind).
 */
public record MovedOptions(boolean lingerOn, int lingerSeconds, int sendBuffer, int receiveBuffer,
                           int receiveTimeoutMs, int sendTimeoutMs) {
    public MovedOptions {
        if (lingerSeconds < 0 || lingerSeconds > 0xFFFF || sendBuffer < 0 || receiveBuffer < 0
                || receiveTimeoutMs < 0 || sendTimeoutMs < 0) {
            throw new IllegalArgumentException("an option out of its range");
        }
    }
}
