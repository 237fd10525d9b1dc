package io.jwsp.spi;

import io.jwsp.spi.catalog.ProtocolInfo;
import java.util.List;
import java.util.UUID;

/**
 * A base provider, as found by {@link java.util.ServiceLoader} ({@code META-INF/services} or {@code provides}).
 * Construction must be cheap and side-effect free; work happens in {@link #create}.
 */
public interface WspProviderFactory {
    /** A short, stable name: {@code tcp}, {@code loopback}, ... */
    String name();

    /** The stable provider id (Winsock's ProviderId GUID). Two factories with one id are rejected. */
    UUID providerId();

    /** The protocol entries this provider installs, catalog ids left 0. */
    List<ProtocolInfo> protocolEntries();

    /** Catalog order: lower comes first, then name, then id. */
    default int priority() {
        return 100;
    }

    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Options of this provider beyond {@link io.jwsp.spi.option.SocketOptions#STANDARD} (IrDA's IRLMP_*, say), so
     * the API layer's raw setsockopt/getsockopt can find their codec.
     */
    default List<io.jwsp.spi.option.SockOpt<?>> socketOptions() {
        return List.of();
    }

    /** Builds one provider instance for one runtime. */
    WspProvider create(ProviderContext context);
}
