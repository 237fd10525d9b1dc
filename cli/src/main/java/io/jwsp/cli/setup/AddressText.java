package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;

/**
 * Addresses written on the command line. IP families take {@code HOST:PORT} and {@code [V6]:PORT}; any other
 * family goes through the provider's own WSPStringToAddress (IrDA and ATM have their own syntax).
 */
public final class AddressText {
    private AddressText() {
    }

    public static SockAddr parse(RuntimeSession session, String providerName, ProtocolInfo entry, String text) {
        int af = entry.addressFamily();
        if (af == AddressFamily.AF_INET || af == AddressFamily.AF_INET6) {
            try {
                return InetSockAddr.parse(text);
            } catch (IllegalArgumentException e) {
                throw CliFailure.usage("bad address '" + text + "' for " + providerName + ": " + e.getMessage());
            }
        }
        // The session started the provider already; one that hides itself from unwrap cannot parse for us.
        WspProvider provider = session.provider(providerName).orElseThrow(() -> CliFailure.environment(
                "provider '" + providerName + "' does not answer unwrap(WspProvider.class), so its address "
                        + "parser (WSPStringToAddress) cannot be reached"));
        WspResult<SockAddr> r = provider.stringToAddress(text, af, entry);
        if (!r.isOk()) {
            throw CliFailure.usage("bad address '" + text + "' for " + providerName + " ("
                    + AddressFamily.name(af) + "): " + (r.error() == null ? "pending" : r.error().name()));
        }
        return r.value();
    }

    /** An address as the provider writes it (WSPAddressToString), or its {@code toString()}. */
    public static String format(RuntimeSession session, String providerName, ProtocolInfo entry, SockAddr addr) {
        if (addr == null) {
            return "-";
        }
        return session.provider(providerName)
                .map(p -> p.addressToString(addr, entry))
                .filter(WspResult::isOk)
                .map(WspResult::value)
                .orElse(addr.toString());
    }
}
