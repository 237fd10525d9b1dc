package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.result.WsaError;

/** A file could not be read while a transmit ran: the error the transmit completes with. */
final class TransmitReadFailure extends Exception {
    private final transient WsaError error;

    TransmitReadFailure(WsaError error, Throwable cause) {
        super(error.name(), cause, false, false);
        this.error = error;
    }

    WsaError error() {
        return error;
    }
}
