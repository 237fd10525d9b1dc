package io.jwsp.runtime.ext;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.transmit.TransmitElement;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.util.List;

/**
 * LPFN_TRANSMITPACKETS as the application holds it; the rules are
 * {@link io.jwsp.spi.ext.transmit.TransmitPackets}'s. {@code overlapped} {@code null} makes it a blocking call.
 */
@FunctionalInterface
public interface WinsockTransmitPackets extends ExtensionFunction {
    WspResult<Integer> transmitPackets(long socket, List<TransmitElement> elements, long sendSize,
                                       Overlapped overlapped, int flags);
}
