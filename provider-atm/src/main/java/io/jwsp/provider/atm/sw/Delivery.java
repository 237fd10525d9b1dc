package io.jwsp.provider.atm.sw;

/** What became of everything a port handed the network up to a point ({@link HandOff}). */
public enum Delivery {
    /** The switch acknowledged all of it. */
    CONFIRMED,
    /** The switch is gone (its keepalive stopped, or it restarted): what it had not acknowledged never left. */
    NETWORK_LOST,
    /** The wait ended first, with the switch still answering: the rest keeps going, as a background close's. */
    UNCONFIRMED
}
