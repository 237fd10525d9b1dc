package io.jwsp.spi.catalog;

import java.util.List;

/**
 * WSAPROTOCOLCHAIN. Length 0 is a layer's own (hidden) entry, length 1 a base protocol, and a longer chain lists
 * catalog entry ids from the top layer (index 0) down to the base (last). At most {@link #MAX_LENGTH} entries.
 */
public record ProtocolChain(List<Integer> entries) {
    public static final int MAX_LENGTH = 7;
    public static final int LAYERED_PROTOCOL = 0;
    public static final int BASE_PROTOCOL = 1;

    private static final ProtocolChain LAYERED = new ProtocolChain(List.of());

    public ProtocolChain {
        entries = List.copyOf(entries);
        if (entries.size() > MAX_LENGTH) {
            throw new IllegalArgumentException("a protocol chain holds at most " + MAX_LENGTH + " entries");
        }
    }

    /** A layer's own entry (ChainLen 0). */
    public static ProtocolChain layered() {
        return LAYERED;
    }

    /** A base protocol (ChainLen 1), naming its own catalog entry. */
    public static ProtocolChain base(int catalogEntryId) {
        return new ProtocolChain(List.of(catalogEntryId));
    }

    /** A visible chain: top layer first, base last; at least two entries. */
    public static ProtocolChain of(List<Integer> topToBase) {
        if (topToBase.size() < 2) {
            throw new IllegalArgumentException("a layered chain has at least two entries");
        }
        return new ProtocolChain(topToBase);
    }

    /** ChainLen as Winsock reports it. */
    public int length() {
        return entries.size();
    }

    public boolean isLayer() {
        return entries.isEmpty();
    }

    public boolean isBase() {
        return entries.size() == BASE_PROTOCOL;
    }

    public boolean isChain() {
        return entries.size() > BASE_PROTOCOL;
    }

    /** The base entry's catalog id of a chain or base entry. */
    public int baseEntryId() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("a layer's own entry has no base");
        }
        return entries.getLast();
    }
}
