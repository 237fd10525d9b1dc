package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.ext.connect.DisconnectEx;
import io.jwsp.spi.ext.transmit.TransmitFile;
import io.jwsp.spi.ext.transmit.TransmitPackets;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The function objects a provider on the kit offers for TransmitFile and TransmitPackets
 * ({@code ExtensionTable.builder().offer(TransmitFile.ID, TransmitExtensions.transmitFile(cores, disconnectEx))}):
 * each finds the socket's {@link SocketCore} ({@code cores} answers {@code null} for a socket that is not the
 * provider's: WSAENOTSOCK) and runs a {@link Transmitter}. TF_DISCONNECT runs the provider's DisconnectEx on the same
 * handle; a provider without one ({@code null}) ends the stream with shutdown(SD_SEND) ({@link ShutdownDisconnect}),
 * and TF_REUSE_SOCKET is then WSAEOPNOTSUPP.
 */
public final class TransmitExtensions {
    /** The GUIDs of both functions, for the catalog entries of a provider that offers both. */
    public static final Set<UUID> GUIDS = Set.of(ExtensionGuids.WSAID_TRANSMITFILE,
            ExtensionGuids.WSAID_TRANSMITPACKETS);

    private TransmitExtensions() {
    }

    public static TransmitFile transmitFile(Function<WspSocket, SocketCore> cores, DisconnectEx disconnectEx) {
        return (slot, file, bytesToWrite, bytesPerSend, overlapped, buffers, flags) -> {
            SocketCore core = coreOf(slot, cores);
            return core == null ? WspResult.fail(WsaError.WSAENOTSOCK)
                    : new Transmitter(core, slot.socket()).transmitFile(file, bytesToWrite, bytesPerSend, overlapped,
                            buffers, flags, disconnect(slot, core, disconnectEx));
        };
    }

    public static TransmitPackets transmitPackets(Function<WspSocket, SocketCore> cores, DisconnectEx disconnectEx) {
        return (slot, elements, sendSize, overlapped, flags) -> {
            SocketCore core = coreOf(slot, cores);
            return core == null ? WspResult.fail(WsaError.WSAENOTSOCK)
                    : new Transmitter(core, slot.socket()).transmitPackets(elements, sendSize, overlapped, flags,
                            disconnect(slot, core, disconnectEx));
        };
    }

    private static SocketCore coreOf(SocketSlot slot, Function<WspSocket, SocketCore> cores) {
        WspSocket socket = slot == null ? null : slot.socket();
        return socket == null ? null : cores.apply(socket);
    }

    private static TransmitDisconnect disconnect(SocketSlot slot, SocketCore core, DisconnectEx disconnectEx) {
        return disconnectEx == null ? new ShutdownDisconnect(core, slot.socket())
                : (flags, overlapped) -> disconnectEx.disconnectEx(slot, overlapped, flags);
    }
}
