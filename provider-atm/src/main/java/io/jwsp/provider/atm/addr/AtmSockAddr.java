package io.jwsp.provider.atm.addr;

import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import java.util.Objects;

/**
 * sockaddr_atm: the ATM number, BLLI and BHLI; together a service access point (SAP). A listener's SAP may use
 * wildcards; a connect destination may not (WSAEINVAL).
 *
 * <p>Text form: the number ({@link AtmAddress#parse}), optionally followed by {@code /l2=N} (BLLI layer-2
 * protocol) and {@code /bhli=T:HEX}.
 */
public record AtmSockAddr(AtmAddress number, Blli blli, Bhli bhli) implements SockAddr {
    public AtmSockAddr {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(blli, "blli");
        Objects.requireNonNull(bhli, "bhli");
    }

    public static AtmSockAddr of(AtmAddress number) {
        return new AtmSockAddr(number, Blli.ABSENT, Bhli.ABSENT);
    }

    @Override
    public int addressFamily() {
        return AddressFamily.AF_ATM;
    }

    /** Usable as a connect destination: a concrete number, no ANY in BLLI or BHLI. */
    public boolean isValidDestination() {
        return (number.type() == AtmAddress.AESA || number.type() == AtmAddress.E164)
                && !blli.hasWildcard() && bhli.type() != SapField.ANY;
    }

    /** This listener SAP accepts a call to {@code called} carrying {@code incomingBlli} and {@code incomingBhli}. */
    public boolean accepts(AtmAddress called, Blli incomingBlli, Bhli incomingBhli) {
        return number.accepts(called) && blli.accepts(incomingBlli) && bhli.accepts(incomingBhli);
    }

    /** Two listener SAPs overlap when one SETUP could match both (listen answers WSAEADDRINUSE). */
    public boolean overlaps(AtmSockAddr o) {
        return number.overlaps(o.number) && blli.overlaps(o.blli) && bhli.overlaps(o.bhli);
    }

    public static AtmSockAddr parse(String text) {
        String[] parts = text.strip().split("/");
        AtmAddress n = AtmAddress.parse(parts[0]);
        Blli l = Blli.ABSENT;
        Bhli h = Bhli.ABSENT;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("l2=")) {
                String v = p.substring(3);
                l = Blli.layer2(v.equals("*") ? SapField.ANY : Integer.decode(v));
            } else if (p.startsWith("bhli=")) {
                String v = p.substring(5);
                if (v.equals("*")) {
                    h = Bhli.ANY;
                } else {
                    int colon = v.indexOf(':');
                    h = new Bhli(Integer.parseInt(v.substring(0, colon)),
                            java.util.HexFormat.of().parseHex(v.substring(colon + 1)));
                }
            } else {
                throw new IllegalArgumentException("unknown ATM address part: " + p);
            }
        }
        return new AtmSockAddr(n, l, h);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(number.toString());
        if (!blli.isAbsent()) {
            s.append("/l2=").append(blli.layer2Protocol() == SapField.ANY ? "*" : blli.layer2Protocol());
        }
        if (!bhli.isAbsent()) {
            s.append("/bhli=").append(bhli.type() == SapField.ANY ? "*" : bhli.toString());
        }
        return s.toString();
    }
}
