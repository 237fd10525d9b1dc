package io.jwsp.runtime.ext;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * LPFN_ACCEPTEX as the application holds it (handles, not provider sockets); the rules are
 * {@link io.jwsp.spi.ext.accept.AcceptEx}'s. The facade's own checks: {@code null} output or record, or a read-only
 * output, WSAEFAULT; negative lengths, or an output shorter than the three lengths together, WSAEFAULT; an accept
 * handle of another provider WSAEINVAL. The operation completes through {@code overlapped} (its event, routine or
 * port, or the listener's associated port).
 */
@FunctionalInterface
public interface WinsockAcceptEx extends ExtensionFunction {
    WspResult<Integer> acceptEx(long listenSocket, long acceptSocket, ByteBuffer output, int receiveDataLength,
                                int localAddressLength, int remoteAddressLength, Overlapped overlapped);
}
