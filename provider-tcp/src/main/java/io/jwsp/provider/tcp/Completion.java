package io.jwsp.provider.tcp;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;

/** A completion decided under the socket's lock and delivered (through the upcalls) after it is released. */
record Completion(Overlapped overlapped, WsaError error, int bytes) {
}
