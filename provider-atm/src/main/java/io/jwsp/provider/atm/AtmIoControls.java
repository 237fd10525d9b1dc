package io.jwsp.provider.atm;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.spi.option.IoControl;

/** The ATM ioctls of ws2atm.h. */
public final class AtmIoControls {
    /** How many ATM adapters this process has (the ports it holds on the switch). */
    public static final IoControl<Void, Integer> SIO_GET_NUMBER_OF_ATM_DEVICES =
            new IoControl<>(0x50160001, "SIO_GET_NUMBER_OF_ATM_DEVICES", Void.class, Integer.class);
    /** The AESA of the adapter with the given index (selector 0); WSAEINVAL for an index out of range. */
    public static final IoControl<Integer, AtmAddress> SIO_GET_ATM_ADDRESS =
            new IoControl<>(0xD0160002, "SIO_GET_ATM_ADDRESS", Integer.class, AtmAddress.class);
    /** The connected socket's device and VPI/VCI; WSAENOTCONN otherwise. */
    public static final IoControl<Void, AtmConnectionId> SIO_GET_ATM_CONNECTION_ID =
            new IoControl<>(0x50160004, "SIO_GET_ATM_CONNECTION_ID", Void.class, AtmConnectionId.class);

    private AtmIoControls() {
    }
}
