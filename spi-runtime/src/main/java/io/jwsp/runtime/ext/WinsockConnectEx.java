package io.jwsp.runtime.ext;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * LPFN_CONNECTEX as the application holds it; the rules are {@link io.jwsp.spi.ext.connect.ConnectEx}'s.
 * {@code null} name or record WSAEFAULT; {@code sendBuffer} may be {@code null}.
 */
@FunctionalInterface
public interface WinsockConnectEx extends ExtensionFunction {
    WspResult<Integer> connectEx(long socket, SockAddr name, ByteBuffer sendBuffer, Overlapped overlapped);
}
