package io.jwsp.reliability.model;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;

/**
 * A provider socket that only counts its closes: the handle table must call {@link #closeSocket} once, for the last
 * handle, and never again. A plain field on purpose: it is safe only because the table calls close under the
 * socket's lock, and a second close would show as a count of 2.
 */
final class CountingSocket implements WspSocket {
    int closes;

    @Override
    public ProtocolInfo protocolInfo() {
        return null;
    }

    @Override
    public WspResult<Void> closeSocket() {
        closes++;
        return WspResult.ok();
    }
}
