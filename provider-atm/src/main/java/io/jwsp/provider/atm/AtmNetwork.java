package io.jwsp.provider.atm;

import io.jwsp.carriage.CarriageStatistics;
import io.jwsp.provider.atm.sw.CellFault;
import io.jwsp.provider.atm.sw.PortAssignment;
import io.jwsp.provider.atm.sw.SwitchStatistics;
import java.util.List;
import java.util.Optional;

/**
 * The provider's extension ({@code WspProvider.unwrap(AtmNetwork.class)}, or the runtime's
 * {@code providerExtension("atm", AtmNetwork.class)}): the simulated network's controls, for tests and tools.
 */
public interface AtmNetwork {
    /** The ports this provider's adapters hold, device 0 first. */
    List<PortAssignment> devices();

    /** Whether the switch runs in this provider (in-process, or the UDP switch host). */
    boolean hostsSwitch();

    /** Fault injection on the switch this provider hosts; ignored when it hosts none. */
    void cellFault(CellFault fault);

    /** Makes the hosted switch ignore SETUP, so callers' T303 runs out. */
    void signallingSilent(boolean silent);

    /** The hosted switch's counters. */
    Optional<SwitchStatistics> statistics();

    /** What each adapter of this provider counted on its receive side, device 0 first. */
    List<AdapterStatistics> adapterStatistics();

    /**
     * What the UDP carriage counted (datagrams refused as forged, malformed or stale; retransmissions; peers lost):
     * the switch host's signalling and cell carriages, or each attached link's two; empty in process.
     */
    List<CarriageStatistics> carriageStatistics();
}
