package io.jwsp.provider.atm;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.addr.SapField;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;

/**
 * What bind gives a socket: the adapter its number names (a wildcard picks the first) and the SAP, with selector 0
 * replaced by a free one (as port 0 is for TCP; getsockname tells which). Under the provider's lock.
 */
record SapBinding(AtmAdapter adapter, AtmSockAddr name) {

    /** The binding of {@code requested} for {@code self}, or WSAEINVAL / WSAEADDRNOTAVAIL / WSAEADDRINUSE. */
    static WspResult<SapBinding> of(AtmProvider provider, AtmSockAddr requested, AtmSocket self) {
        AtmAddress number = requested.number();
        AtmAdapter target = adapterFor(provider, number);
        if (target == null) {
            return WspResult.fail(number.type() == SapField.ABSENT ? WsaError.WSAEINVAL : WsaError.WSAEADDRNOTAVAIL);
        }
        AtmSockAddr name = requested;
        if (number.isAesa() && number.selector() == 0) {
            int free = provider.freeSelector(target);
            if (free < 0) {
                return WspResult.fail(WsaError.WSAEADDRINUSE);
            }
            name = new AtmSockAddr(number.withSelector(free), requested.blli(), requested.bhli());
        }
        if (provider.sapInUse(name, self)) {
            return WspResult.fail(WsaError.WSAEADDRINUSE);
        }
        return WspResult.ok(new SapBinding(target, name));
    }

    private static AtmAdapter adapterFor(AtmProvider provider, AtmAddress number) {
        List<AtmAdapter> all = provider.adapters();
        if (all.isEmpty()) {
            return null;
        }
        return switch (number.type()) {
            case AtmAddress.AESA, AtmAddress.E164 -> provider.adapterFor(number);
            case SapField.ANY_AESA_SEL -> provider.adapterFor(AtmAddress.aesa(number.bytes()));
            case SapField.ANY, SapField.ANY_AESA_REST -> all.getFirst();
            default -> null;
        };
    }
}
