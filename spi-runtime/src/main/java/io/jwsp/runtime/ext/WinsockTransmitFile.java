package io.jwsp.runtime.ext;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.transmit.TransmitFileBuffers;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.nio.channels.FileChannel;

/**
 * LPFN_TRANSMITFILE as the application holds it; the rules are {@link io.jwsp.spi.ext.transmit.TransmitFile}'s.
 * {@code overlapped} {@code null} makes it a blocking call; {@code file} and {@code buffers} may be {@code null}.
 */
@FunctionalInterface
public interface WinsockTransmitFile extends ExtensionFunction {
    WspResult<Integer> transmitFile(long socket, FileChannel file, long bytesToWrite, long bytesPerSend,
                                    Overlapped overlapped, TransmitFileBuffers buffers, int flags);
}
