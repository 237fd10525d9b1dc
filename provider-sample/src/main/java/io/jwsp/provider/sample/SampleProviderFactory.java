package io.jwsp.provider.sample;

import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import java.util.List;
import java.util.UUID;

/**
 * The ServiceLoader entry (META-INF/services/io.jwsp.spi.WspProviderFactory and {@code provides} in module-info).
 * It only describes the provider; the work starts in {@link #create}, once per runtime.
 */
public final class SampleProviderFactory implements WspProviderFactory {
    /** Short and stable: settings are read as {@code jwsp.sample.<key>}. */
    public static final String NAME = "sample";
    /** The ProviderId GUID. A copy of this provider MUST get a new one (two factories with one id are rejected). */
    public static final UUID PROVIDER_ID = UUID.fromString("3f0c5a8e-2d41-4b7a-9e63-5c1d7a20b9f4");

    /** XP1_*: what the entry promises. GRACEFUL_CLOSE turns on the TCK's half-close cases. */
    static final int SERVICE_FLAGS = ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER
            | ServiceFlags.XP1_GRACEFUL_CLOSE;

    /** One entry: AF_UNIX, SOCK_STREAM, protocol 0. A stream has no message size (dwMessageSize 0). */
    static final ProtocolInfo STREAM = ProtocolInfo.base("jwsp sample stream", PROVIDER_ID,
            AddressFamily.AF_UNIX, SocketType.SOCK_STREAM, 0, SERVICE_FLAGS, 0, 0)
            .withExtensionFunctions(TransmitExtensions.plus(KitExtensions.GUIDS));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UUID providerId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProtocolInfo> protocolEntries() {
        return List.of(STREAM);
    }

    /** Late in catalog order: a user's sample never comes before the shipped providers. */
    @Override
    public int priority() {
        return 500;
    }

    @Override
    public WspProvider create(ProviderContext context) {
        return new SampleProvider(context);
    }
}
