package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.ext.connect.TransmitFlags;
import io.jwsp.spi.ext.transmit.TransmitElement;
import io.jwsp.spi.ext.transmit.TransmitFileBuffers;
import io.jwsp.spi.ext.transmit.TransmitPackets;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * TransmitFile and TransmitPackets on one socket of the kit, run on the socket's own send path ({@link WspSocket#send}
 * with records of the transmit's own), so any provider with sends can offer them ({@link TransmitExtensions});
 * CancelIo reaches its transmits through {@link SocketCore#cancelIo}. Holds nothing of its own: one per call is fine.
 *
 * <p>Rules beyond the argument checks ({@link TransmitChecks}):
 * <ul>
 *   <li>the socket must be connected (WSAENOTCONN); TransmitFile needs a connection-oriented socket
 *       (WSAEOPNOTSUPP on a connectionless one), TransmitPackets takes a connected datagram socket too, where
 *       TF_DISCONNECT is WSAEINVAL and every send is one datagram;</li>
 *   <li>sends are cut by the send size: 0 is 64 KiB (on a message socket every element is then a message of its
 *       own, at most the entry's largest message); on a message socket {@link TransmitPackets#SEND_SIZE_BY_EOP} leaves
 *       the messages to TP_ELEMENT_EOP; on a stream the cut is invisible to the peer and capped at 1 MiB;</li>
 *   <li>with an overlapped record, TransmitFile starts at the record's {@link Overlapped#offset()}; without one at
 *       the channel's position, which a successful transmit then advances past the bytes sent, as a read would;</li>
 *   <li>without a record the call waits for the end whatever the socket's blocking mode (Windows' synchronous I/O
 *       waits for its request); the socket's close or WSPCancelBlockingCall ends the wait with WSAEINTR and aborts
 *       the rest;</li>
 *   <li>an application send issued while a transmit runs may go out between two of its sends.</li>
 * </ul>
 */
public final class Transmitter {
    private final SocketCore core;
    private final WspSocket socket;

    public Transmitter(SocketCore core, WspSocket socket) {
        this.core = core;
        this.socket = socket;
    }

    /**
     * TransmitFile: {@code head}, {@code bytesToWrite} bytes of {@code file} (0: to the end; {@code null} file: the
     * buffers only), {@code tail}; in sends of {@code bytesPerSend} (0: the default); {@code disconnect} ends the
     * connection for TF_DISCONNECT.
     */
    public WspResult<Integer> transmitFile(FileChannel file, long bytesToWrite, long bytesPerSend,
                                           Overlapped overlapped, TransmitFileBuffers buffers, int flags,
                                           TransmitDisconnect disconnect) {
        WsaError refusal = TransmitChecks.flags(flags, TransmitChecks.TRANSMIT_FILE_MASK);
        if (refusal == null && (!TransmitChecks.isDword(bytesToWrite) || !TransmitChecks.isDword(bytesPerSend))) {
            refusal = WsaError.WSAEINVAL;
        }
        if (refusal == null && connectionless()) {
            refusal = WsaError.WSAEOPNOTSUPP; // TransmitFile does not support datagram sockets
        }
        long from = overlapped != null ? overlapped.offset() : TransmitElement.CURRENT_POSITION;
        if (refusal == null && overlapped != null && from < 0) {
            refusal = WsaError.WSAEINVAL;
        }
        if (refusal != null) {
            return WspResult.fail(refusal);
        }
        TransmitChecks.Checked checked = TransmitChecks.file(file, from, bytesToWrite,
                buffers == null ? null : buffers.head(), buffers == null ? null : buffers.tail());
        if (checked.error() != null) {
            return WspResult.fail(checked.error());
        }
        Runnable onSuccess = () -> { };
        if (file != null && overlapped == null) {
            Part region = checked.parts().stream().filter(p -> p.file() != null).findFirst().orElseThrow();
            onSuccess = () -> advance(file, region.position() + region.length());
        }
        return run(checked.parts(), bytesPerSend, overlapped, flags, disconnect, onSuccess);
    }

    /** TransmitPackets: the elements in order, in sends of {@code sendSize} (0: the default). */
    public WspResult<Integer> transmitPackets(List<TransmitElement> elements, long sendSize, Overlapped overlapped,
                                              int flags, TransmitDisconnect disconnect) {
        WsaError refusal = TransmitChecks.flags(flags, TransmitChecks.TRANSMIT_PACKETS_MASK);
        if (refusal == null && !TransmitChecks.isDword(sendSize)) {
            refusal = WsaError.WSAEINVAL;
        }
        if (refusal == null && connectionless() && (flags & TransmitFlags.TF_DISCONNECT) != 0) {
            refusal = WsaError.WSAEINVAL; // a datagram socket has no disconnect to start
        }
        if (refusal != null) {
            return WspResult.fail(refusal);
        }
        TransmitChecks.Checked checked = TransmitChecks.packets(elements);
        if (checked.error() != null) {
            return WspResult.fail(checked.error());
        }
        return run(checked.parts(), sendSize, overlapped, flags, disconnect, () -> { });
    }

    private WspResult<Integer> run(List<Part> parts, long sendSize, Overlapped overlapped, int flags,
                                   TransmitDisconnect disconnect, Runnable onSuccess) {
        if ((flags & TransmitFlags.TF_REUSE_SOCKET) != 0 && !disconnect.canReuse()) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        WspResult<?> peer = socket.getPeerName();
        if (peer == null || peer.isFailed()) {
            return WspResult.fail(peer == null ? WsaError.WSASYSCALLFAILURE : peer.error());
        }
        ProtocolInfo info = socket.protocolInfo();
        boolean messages = info.hasService(ServiceFlags.XP1_MESSAGE_ORIENTED)
                && !info.hasService(ServiceFlags.XP1_PSEUDO_STREAM);
        long limit = TransmitSizes.limit(sendSize, messages, info.maxMessageSize());
        SendCursor cursor = new SendCursor(parts, limit, messages && sendSize == 0);
        return new Transmission(core, socket, cursor, overlapped, flags, disconnect, onSuccess).start();
    }

    private boolean connectionless() {
        ProtocolInfo info = socket.protocolInfo();
        return info.hasService(ServiceFlags.XP1_CONNECTIONLESS) || info.socketType() == SocketType.SOCK_DGRAM;
    }

    private static void advance(FileChannel file, long position) {
        try {
            file.position(position);
        } catch (IOException e) {
            // the caller's channel closed after the transmit read it: its position no longer matters
        }
    }
}
