package io.jwsp.cli.matrix;

import io.jwsp.cli.setup.AddressText;
import io.jwsp.cli.setup.RuntimeSession;
import io.jwsp.cli.setup.ShippedProviders;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import java.net.InetAddress;
import java.time.Duration;

/**
 * What the matrix needs to know about a provider to run a row on it: where its listener binds, how a client
 * reaches that listener, which clock it runs on and how long its linger is. The four providers jwsp ships have
 * their own; any other provider gets the IP profile for AF_INET or AF_INET6, and the empty name otherwise.
 */
record Endpoints(String listenText, boolean realTime, int lingerSeconds) {

    static Endpoints forProvider(String name, ProtocolInfo entry) {
        boolean real = isRealTime(name);
        // Real time: a short linger; virtual time: a longer one costs nothing.
        return new Endpoints(ShippedProviders.defaultListen(name, entry.addressFamily()), real, real ? 1 : 5);
    }

    static boolean isRealTime(String provider) {
        return ShippedProviders.isRealTime(provider);
    }

    Duration budget() {
        return Duration.ofSeconds(realTime ? 20 : 15);
    }

    /** Where the listener binds. */
    SockAddr listenAddress(RuntimeSession session, String provider, ProtocolInfo entry) {
        return AddressText.parse(session, provider, entry, listenText);
    }

    /** Where the client connects, from the listener's own name (a wildcard IP becomes the loopback address). */
    SockAddr connectAddress(SockAddr listenerName) {
        if (listenerName instanceof InetSockAddr in && in.isWildcard()) {
            return new InetSockAddr(InetAddress.getLoopbackAddress(), in.port());
        }
        return listenerName;
    }
}
