package io.jwsp.provider.atm;

import io.jwsp.provider.atm.addr.AtmSockAddr;

/** What the adapter asks of a listener when a SETUP matches its SAP. Under the provider's lock. */
interface CallAcceptor {
    /** Whether the backlog takes one more call (else the SETUP is refused with cause 17, user busy). */
    boolean hasBacklogRoom();

    /** The call waits in the backlog, already answered; {@code c}'s endpoint becomes the socket accept will give. */
    void incomingCall(Call c, AtmSockAddr calledSap, AtmSockAddr caller);
}
