package io.jwsp.provider.atm.sw;

/**
 * What the switch counted.
 *
 * @param cellsForwarded        cells that crossed a cross-connect
 * @param cellsDroppedNoConnect cells that found no cross-connect (the VC was released while they were in flight)
 * @param cellsLost             cells lost by fault injection
 * @param signallingMessages    Q.2931 messages the switch received
 */
public record SwitchStatistics(long cellsForwarded, long cellsDroppedNoConnect, long cellsLost,
                               long signallingMessages) {
}
