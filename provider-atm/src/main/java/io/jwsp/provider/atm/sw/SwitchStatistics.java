package io.jwsp.provider.atm.sw;

/**
 * What the switch counted.
 *
 * @param cellsForwarded        cells that crossed a cross-connect
 * @param cellsDroppedNoConnect cells that found no cross-connect (the VC was released while they were in flight)
 * @param cellsLost             cells lost by fault injection
 * @param signallingMessages    Q.2931 messages the switch received
 * @param handOvers             VCs handed from one port to another (WSADuplicateSocket into another process)
 * @param handOversRefused      hand-over messages refused: malformed, unknown or spent token, wrong port or stage
 */
public record SwitchStatistics(long cellsForwarded, long cellsDroppedNoConnect, long cellsLost,
                               long signallingMessages, long handOvers, long handOversRefused) {
}
