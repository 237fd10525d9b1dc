package io.jwsp.provider.atm.sw;

import io.jwsp.provider.atm.addr.AtmAddress;

/**
 * A port the switch gave an adapter: its number, its AESA with selector 0 (switch prefix + ESI), and its E.164
 * number.
 */
public record PortAssignment(int port, AtmAddress aesa, AtmAddress e164) {
}
