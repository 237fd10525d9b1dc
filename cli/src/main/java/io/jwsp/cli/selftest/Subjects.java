package io.jwsp.cli.selftest;

import io.jwsp.cli.setup.AddressText;
import io.jwsp.cli.setup.RuntimeSession;
import io.jwsp.cli.setup.ShippedProviders;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.testkit.tck.PeerEnd;
import io.jwsp.testkit.tck.ProviderUnderTest;
import io.jwsp.testkit.tck.ProviderUnderTestBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ProviderUnderTest} selftest hands the TCK: for a shipped provider, the quirks its own test suite
 * declares; for a provider from a jar, what the command line says.
 */
final class Subjects {
    private Subjects() {
    }

    /**
     * A shipped provider as its own TCK test in the provider module declares it: the same listen address,
     * settings and quirks, so selftest and the module's build agree.
     */
    static ProviderUnderTest shipped(WspProviderFactory f, Map<String, String> userSettings, String listen) {
        Map<String, String> settings = new LinkedHashMap<>();
        String defaultListen = null;
        switch (f.name()) {
            case "irda" -> {
                // The wildcard name picks a free selector; an untimed medium moves without anyone advancing time.
                defaultListen = "";
                settings.put("irda.baud", "0");
            }
            case "atm" -> {
                // Selector 0 of device 1 picks a free selector; a zero-latency switch moves on its own.
                defaultListen = "@1.0";
                settings.put("atm.timing", "immediate");
            }
            default -> { }
        }
        settings.putAll(userSettings);
        ProviderUnderTestBuilder b = builder(f, settings, listen != null ? listen : defaultListen);
        switch (f.name()) {
            // No reset on IrDA: a hard close looks like a truncated stream, then 0; no half-close either.
            case "irda" -> b.hardCloseSeenByPeer(PeerEnd.END_OF_STREAM).gracefulEndSeenByPeer(PeerEnd.END_OF_STREAM);
            // RELEASE ends every ATM call, graceful or not; it can overtake data, and nothing pushes back.
            case "atm" -> b.hardCloseSeenByPeer(PeerEnd.DISCONNECT).gracefulEndSeenByPeer(PeerEnd.DISCONNECT)
                    .peerFlowControl(false).closeMayOvertakeData(true);
            default -> { }
        }
        return b.build();
    }

    static ProviderUnderTest custom(WspProviderFactory f, Map<String, String> settings, String listen,
                                    boolean virtualTime, PeerEnd hardClose, PeerEnd gracefulEnd,
                                    boolean flowControl, boolean closeMayOvertake, boolean timeWait) {
        ProviderUnderTestBuilder b = builder(f, settings, listen).virtualTime(virtualTime)
                .peerFlowControl(flowControl).closeMayOvertakeData(closeMayOvertake);
        if (!timeWait) {
            b.hasTimeWait(false);
        }
        if (hardClose != null) {
            b.hardCloseSeenByPeer(hardClose);
        }
        if (gracefulEnd != null) {
            b.gracefulEndSeenByPeer(gracefulEnd);
        }
        return b.build();
    }

    private static ProviderUnderTestBuilder builder(WspProviderFactory f, Map<String, String> settings, String listen) {
        ProviderUnderTestBuilder b = ProviderUnderTest.builder(f, listenAddress(f, settings, listen));
        settings.forEach(b::setting);
        return b;
    }

    /** Parses the listen address the way the provider itself does, in a runtime of its own that is closed at once. */
    private static SockAddr listenAddress(WspProviderFactory f, Map<String, String> settings, String listen) {
        try (RuntimeSession s = RuntimeSession.open(List.of(f), settings, new VirtualClock(), null)) {
            ProtocolInfo entry = s.streamEntry(f);
            String text = listen != null ? listen : ShippedProviders.defaultListen(f.name(), entry.addressFamily());
            return AddressText.parse(s, f.name(), entry, text);
        }
    }
}
