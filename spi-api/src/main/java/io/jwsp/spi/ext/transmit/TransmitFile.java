package io.jwsp.spi.ext.transmit;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionId;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.nio.channels.FileChannel;

/**
 * TransmitFile (WSAID_TRANSMITFILE): sends {@code buffers}' head, {@code bytesToWrite} bytes of {@code file} (0: to
 * its end; a {@code null} file: the buffers only) and the tail over a connected connection-oriented socket, in sends
 * of {@code bytesPerSend} bytes (0: the default), then TF_DISCONNECT / TF_REUSE_SOCKET
 * ({@link io.jwsp.spi.ext.connect.TransmitFlags}) as DisconnectEx does. With {@code overlapped} the file is read from
 * its {@link Overlapped#offset()}, else from the channel's position, which then moves past what was sent; without it
 * the call waits for the end. Answers the bytes sent, or pending. A close or CancelIoEx during the transmit completes
 * it with WSA_OPERATION_ABORTED and the bytes sent so far.
 */
@FunctionalInterface
public interface TransmitFile extends ExtensionFunction {
    ExtensionId<TransmitFile> ID = new ExtensionId<>(ExtensionGuids.WSAID_TRANSMITFILE, TransmitFile.class);

    /** The most bytes one call may send, head and tail included: 2,147,483,646, as TransmitFile's page states. */
    long MAX_BYTES = Integer.MAX_VALUE - 1L;

    WspResult<Integer> transmitFile(SocketSlot socket, FileChannel file, long bytesToWrite, long bytesPerSend,
                                    Overlapped overlapped, TransmitFileBuffers buffers, int flags);
}
