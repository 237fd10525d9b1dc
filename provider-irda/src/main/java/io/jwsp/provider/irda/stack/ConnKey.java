package io.jwsp.provider.irda.stack;

/** An IrLMP connection as one end sees it: its device and selector, the peer's device and selector. */
record ConnKey(int localDevice, int localLsap, int remoteDevice, int remoteLsap) {
}
