package io.jwsp.testkit.tck;

import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the TCK needs to know about a provider: its factory, where a listener binds, the entry under test, and its
 * declared quirks. Every quirk hook defaults to a TCP-like provider; capabilities otherwise come from the entry's
 * XP1_* service flags. A test is skipped only for a capability or quirk declared here, and says so.
 * {@link #builder} makes one without subclassing.
 */
public interface ProviderUnderTest {

    WspProviderFactory factory();

    /** Where a listener binds (port 0 or its equivalent); the client connects to the listener's getsockname. */
    SockAddr listenAddress();

    /** Where a client binds before ConnectEx (which needs a bound socket); by default the listen address. */
    default SockAddr clientBindAddress() {
        return listenAddress();
    }

    /** The connection-oriented entry under test: by default the factory's first entry that is not connectionless. */
    default ProtocolInfo streamEntry() {
        return factory().protocolEntries().stream()
                .filter(e -> !e.hasService(ServiceFlags.XP1_CONNECTIONLESS))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(factory().name() + " declares no connection-oriented entry"));
    }

    /** A datagram entry, when the provider has one (the SO_LINGER-on-datagram tests need it). */
    default Optional<ProtocolInfo> datagramEntry() {
        return factory().protocolEntries().stream()
                .filter(e -> e.socketType() == SocketType.SOCK_DGRAM)
                .findFirst();
    }

    default int addressFamily() {
        return streamEntry().addressFamily();
    }

    default int socketType() {
        return streamEntry().socketType();
    }

    default int protocol() {
        return streamEntry().protocol();
    }

    /** Settings for the runtime, keys written {@code <provider>.<name>}. */
    default Map<String, String> settings() {
        return Map.of();
    }

    /** true: the runtime runs on a VirtualClock the TCK drives; false: the real clock, with short lingers. */
    default boolean virtualTime() {
        return true;
    }

    /**
     * Whether the provider needs its (virtual) clock to move for data, connections and disconnects to make progress
     * (a simulated medium with a baud rate or timers). Then the TCK, while it waits for such progress, advances the
     * clock from timer to timer; calls whose "at once" is under test are never helped that way.
     */
    default boolean clockDrivesDelivery() {
        return false;
    }

    /** The most virtual time the TCK lets pass while it waits for progress ({@link #clockDrivesDelivery()}). */
    default Duration settleLimit() {
        return Duration.ofMinutes(5);
    }

    /** The l_linger the timed tests use: 30 s on a virtual clock, 1 s on the real one. */
    default int lingerSeconds() {
        return virtualTime() ? 30 : 1;
    }

    /** How long, in real time, the TCK waits for something that should happen at once before it fails. */
    default Duration realTimeout() {
        return Duration.ofSeconds(10);
    }

    /** What the peer sees after a hard close. */
    default PeerEnd hardCloseSeenByPeer() {
        return PeerEnd.RESET;
    }

    /** What the peer sees after a graceful close or shutdown(SD_SEND). */
    default PeerEnd gracefulEndSeenByPeer() {
        return PeerEnd.END_OF_STREAM;
    }

    /** Whether a peer that stops reading eventually leaves data queued at the sender (false for ATM). */
    default boolean peerFlowControl() {
        return true;
    }

    /**
     * Whether the peer's FD_CLOSE waits until its application has read every byte (IrDA's documented quirk: TinyTP's
     * disconnect-wait). TCP-like streams post FD_CLOSE as soon as the peer's FIN arrives, even with data unread.
     */
    default boolean fdCloseAfterUnreadData() {
        return false;
    }

    /** Whether a close right after a send may lose the tail of the data (ATM's RELEASE overtaking it). */
    default boolean closeMayOvertakeData() {
        return false;
    }

    /** Whether a graceful active close enters TIME_WAIT, visible through {@link io.jwsp.spi.close.TimeWaitQuery}. */
    default boolean hasTimeWait() {
        return streamEntry().hasService(ServiceFlags.XP1_GRACEFUL_CLOSE);
    }

    /** Whether the entry keeps message boundaries. */
    default boolean messageOriented() {
        return streamEntry().hasService(ServiceFlags.XP1_MESSAGE_ORIENTED);
    }

    /** Whether the entry closes gracefully in two phases (half-close included). */
    default boolean gracefulClose() {
        return streamEntry().hasService(ServiceFlags.XP1_GRACEFUL_CLOSE);
    }

    /** The size of each send the TCK makes. */
    default int fillChunk() {
        int max = streamEntry().maxMessageSize();
        return max > 0 ? Math.min(max, 4096) : 4096;
    }

    /** The most bytes the TCK queues before it decides the peer will never push back. */
    default long fillLimit() {
        return 64L << 20;
    }

    static ProviderUnderTestBuilder builder(WspProviderFactory factory, SockAddr listenAddress) {
        return new ProviderUnderTestBuilder(factory, listenAddress);
    }
}
