package io.jwsp.spi.ext.transmit;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionId;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.util.List;

/**
 * TransmitPackets (WSAID_TRANSMITPACKETS): sends {@code elements} in order over a connected socket (a connected
 * datagram socket too: each send is then one datagram), in sends of at most {@code sendSize} bytes (0: the default;
 * {@link #SEND_SIZE_BY_EOP}: the elements' TP_ELEMENT_EOP marks alone end a send), then TF_DISCONNECT /
 * TF_REUSE_SOCKET on a connection-oriented socket. The rest as {@link TransmitFile}.
 */
@FunctionalInterface
public interface TransmitPackets extends ExtensionFunction {
    ExtensionId<TransmitPackets> ID = new ExtensionId<>(ExtensionGuids.WSAID_TRANSMITPACKETS, TransmitPackets.class);

    /** nSendSize 0xFFFFFFFF: the caller's TP_ELEMENT_EOP marks decide each send. */
    long SEND_SIZE_BY_EOP = 0xFFFF_FFFFL;

    WspResult<Integer> transmitPackets(SocketSlot socket, List<TransmitElement> elements, long sendSize,
                                       Overlapped overlapped, int flags);
}
