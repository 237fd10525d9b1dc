package io.jwsp.provider.tcp;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;

/** An overlapped completion decided under the socket's lock and delivered (through the upcalls) after it is released. */
record FinishedIo(Overlapped overlapped, WsaError error, int bytes) {
}
