package io.jwsp.provider.atm;

import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WsaError;

/**
 * WSASocket(FROM_PROTOCOL_INFO) waiting for the switch to hand it the VC its token names: the adapter fills in the
 * socket (CLAIMED) or the error (REFUSED, a state that does not decode). Guarded by the provider's lock.
 */
final class PendingClaim {
    final byte[] token;
    final ProtocolInfo info;
    AtmSocket socket;
    WsaError error;

    PendingClaim(byte[] token, ProtocolInfo info) {
        this.token = token.clone();
        this.info = info;
    }

    boolean answered() {
        return socket != null || error != null;
    }
}
