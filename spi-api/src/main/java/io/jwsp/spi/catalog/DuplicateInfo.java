package io.jwsp.spi.catalog;

import java.util.Objects;

/**
 * The WSAPROTOCOL_INFOW that WSPDuplicateSocket fills for another process: the catalog entry the socket was made
 * from, the process it is meant for, and {@code dwProviderReserved}. The target process passes it to
 * WSASocket(FROM_PROTOCOL_INFO, ...) once; what it names is the provider's business ({@link ProviderReserved}).
 *
 * @param info      the socket's catalog entry
 * @param processId the target process (dwProcessId of WSADuplicateSocket)
 * @param reserved  dwProviderReserved
 */
public record DuplicateInfo(ProtocolInfo info, long processId, ProviderReserved reserved) {
    public DuplicateInfo {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(reserved, "reserved");
    }

    /** The same, for the entry {@code entry} (the runtime puts the application's own entry, a layer's chain, here). */
    public DuplicateInfo withInfo(ProtocolInfo entry) {
        return new DuplicateInfo(entry, processId, reserved);
    }
}
