package io.jwsp.spi.catalog;

/** The PFL_* bits of {@code dwProviderFlags}. */
public final class ProviderFlags {
    public static final int PFL_MULTIPLE_PROTO_ENTRIES = 0x1;
    public static final int PFL_RECOMMENDED_PROTO_ENTRY = 0x2;
    /** Not listed to applications (a layer's own entry). */
    public static final int PFL_HIDDEN = 0x4;
    /** Protocol 0 in socket() selects this entry. */
    public static final int PFL_MATCHES_PROTOCOL_ZERO = 0x8;

    private ProviderFlags() {
    }
}
