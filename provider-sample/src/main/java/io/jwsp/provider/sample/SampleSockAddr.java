package io.jwsp.provider.sample;

import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import java.util.Objects;

/**
 * An address of the sample transport: a plain name, in a family of its own (AF_UNIX) so the catalog never picks
 * this provider for an IP socket. The empty name ({@link #ANY}) binds to a free name the provider picks, as port 0
 * does for TCP.
 */
public record SampleSockAddr(String name) implements SockAddr {
    /** "Any free name": what bind turns into a fresh one. */
    public static final SampleSockAddr ANY = new SampleSockAddr("");

    public SampleSockAddr {
        Objects.requireNonNull(name, "name");
    }

    public boolean isAny() {
        return name.isEmpty();
    }

    @Override
    public int addressFamily() {
        return AddressFamily.AF_UNIX;
    }

    @Override
    public String toString() {
        return isAny() ? "*" : name;
    }
}
