package io.jwsp.runtime.ext;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;

/**
 * LPFN_DISCONNECTEX as the application holds it; the rules are {@link io.jwsp.spi.ext.connect.DisconnectEx}'s.
 * {@code reserved} other than 0 is WSAEINVAL; {@code overlapped} {@code null} makes it a blocking call.
 */
@FunctionalInterface
public interface WinsockDisconnectEx extends ExtensionFunction {
    WspResult<Void> disconnectEx(long socket, Overlapped overlapped, int flags, int reserved);
}
