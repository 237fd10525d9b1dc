package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.ext.connect.DisconnectEx;
import io.jwsp.spi.ext.transmit.TransmitFile;
import io.jwsp.spi.ext.transmit.TransmitPackets;
import io.jwsp.spi.kit.KitSocket;
import io.jwsp.spi.kit.ext.ExtensionTable;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * TransmitFile and TransmitPackets for a provider whose sockets are {@link KitSocket}s, offered into its extension
 * table ({@code TransmitExtensions.offer(KitExtensions.offer(ExtensionTable.builder(), ...)).build()}): each call
 * runs a {@link Transmitter} on the socket's core. TF_DISCONNECT runs the DisconnectEx the table offers, on the same
 * handle (so TF_REUSE_SOCKET leaves the handle reusable as DisconnectEx does); a table without one ends the stream
 * with shutdown(SD_SEND) ({@link ShutdownDisconnect}), and TF_REUSE_SOCKET is then WSAEOPNOTSUPP.
 */
public final class TransmitExtensions {
    /** The GUIDs {@link #offer} adds, for the catalog entries. */
    public static final Set<UUID> GUIDS = Set.of(ExtensionGuids.WSAID_TRANSMITFILE,
            ExtensionGuids.WSAID_TRANSMITPACKETS);

    private TransmitExtensions() {
    }

    /** Adds both functions to {@code table}, after the DisconnectEx it may offer. */
    public static ExtensionTable.Builder offer(ExtensionTable.Builder table) {
        DisconnectEx disconnectEx = table.offered(DisconnectEx.ID);
        return table.offer(TransmitFile.ID, transmitFile(disconnectEx))
                .offer(TransmitPackets.ID, transmitPackets(disconnectEx));
    }

    /** Adds TransmitPackets alone (a provider whose sockets TransmitFile does not take). */
    public static ExtensionTable.Builder offerPackets(ExtensionTable.Builder table) {
        return table.offer(TransmitPackets.ID, transmitPackets(table.offered(DisconnectEx.ID)));
    }

    /** {@code others} and {@link #GUIDS}: what an entry of a provider that offers both lists. */
    public static Set<UUID> plus(Set<UUID> others) {
        return union(others, GUIDS);
    }

    /** {@code others} and TransmitPackets': what an entry of a provider that {@link #offerPackets} lists. */
    public static Set<UUID> plusPackets(Set<UUID> others) {
        return union(others, Set.of(ExtensionGuids.WSAID_TRANSMITPACKETS));
    }

    private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
        Set<UUID> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static TransmitFile transmitFile(DisconnectEx disconnectEx) {
        return (slot, file, bytesToWrite, bytesPerSend, overlapped, buffers, flags) -> {
            KitSocket s = kitSocket(slot);
            return s == null ? WspResult.fail(WsaError.WSAENOTSOCK)
                    : new Transmitter(s.core(), s).transmitFile(file, bytesToWrite, bytesPerSend, overlapped,
                            buffers, flags, disconnect(slot, s, disconnectEx));
        };
    }

    static TransmitPackets transmitPackets(DisconnectEx disconnectEx) {
        return (slot, elements, sendSize, overlapped, flags) -> {
            KitSocket s = kitSocket(slot);
            return s == null ? WspResult.fail(WsaError.WSAENOTSOCK)
                    : new Transmitter(s.core(), s).transmitPackets(elements, sendSize, overlapped, flags,
                            disconnect(slot, s, disconnectEx));
        };
    }

    private static KitSocket kitSocket(SocketSlot slot) {
        return slot != null && slot.socket() instanceof KitSocket s ? s : null;
    }

    private static TransmitDisconnect disconnect(SocketSlot slot, KitSocket s, DisconnectEx disconnectEx) {
        return disconnectEx == null ? new ShutdownDisconnect(s.core(), s)
                : (flags, overlapped) -> disconnectEx.disconnectEx(slot, overlapped, flags);
    }
}
