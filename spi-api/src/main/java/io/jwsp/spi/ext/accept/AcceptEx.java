package io.jwsp.spi.ext.accept;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionId;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * AcceptEx (WSAID_ACCEPTEX), as its provider offers it. The next connection on {@code listenSocket} becomes
 * {@code acceptSocket} (the handle keeps its value: {@link SocketSlot#replace}); with {@code receiveDataLength} &gt; 0
 * the operation completes only once the first bytes arrived, written at {@code output}'s position; after them
 * ({@code output.position() + receiveDataLength}) the local and then the remote address, in the layout
 * {@link GetAcceptExSockaddrs} reads, each in a slot of {@code localAddressLength} / {@code remoteAddressLength}
 * bytes (at least 16 more than the family's largest address). {@code output}'s position does not move.
 *
 * <p>Always overlapped: answers {@link WspResult#pending()} and completes with the bytes received; closing the
 * listener completes it with WSA_OPERATION_ABORTED, as does CancelIo/CancelIoEx on the listener. The accepted
 * socket answers WSAENOTCONN to getsockname, getpeername and shutdown until SO_UPDATE_ACCEPT_CONTEXT is set on it
 * ({@link io.jwsp.spi.ext.ExtensionOptions}).
 */
@FunctionalInterface
public interface AcceptEx extends ExtensionFunction {
    ExtensionId<AcceptEx> ID = new ExtensionId<>(ExtensionGuids.WSAID_ACCEPTEX, AcceptEx.class);

    WspResult<Integer> acceptEx(WspSocket listenSocket, SocketSlot acceptSocket, ByteBuffer output,
                                int receiveDataLength, int localAddressLength, int remoteAddressLength,
                                Overlapped overlapped);
}
