package io.jwsp.bridge;

/** A bridge channel as the selector sees it: a handle and the operations it is ready for now. */
interface BridgedChannel {
    BridgedHandle handle();

    /** SelectionKey.OP_* bits ready now, from the provider's events folded into the handle. */
    int readyOps();
}
