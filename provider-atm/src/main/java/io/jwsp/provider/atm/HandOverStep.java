package io.jwsp.provider.atm;

/** Where a call being handed to another process is, as its source adapter sees it. */
enum HandOverStep {
    /** Not being handed over. */
    NONE,
    /** HOLD sent; the switch's marker cell has not come down yet. */
    HOLDING,
    /** The marker came: every cell the switch sent before the hold is here. */
    MARKED,
    /** HAND sent, after the cells given back. */
    HANDED,
    /** The switch has everything: the VC is no longer this process's. */
    PARKED,
    /** The switch said no. */
    REFUSED
}
