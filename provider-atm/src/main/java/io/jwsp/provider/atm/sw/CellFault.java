package io.jwsp.provider.atm.sw;

/** Decides whether the switch loses a cell, for fault injection. */
@FunctionalInterface
public interface CellFault {
    CellFault NONE = (port, vci, index, end) -> false;

    /**
     * @param port     the port the cell came in on
     * @param vci      its VCI on that port
     * @param index    how many cells came in on that VC before this one (0 for the first)
     * @param endOfPdu whether it carries the AUU bit
     */
    boolean lose(int port, int vci, long index, boolean endOfPdu);

    /** Loses every {@code n}th cell the switch sees (n &gt; 0). */
    static CellFault everyNth(long n) {
        long[] count = {0};
        return (port, vci, index, end) -> ++count[0] % n == 0;
    }
}
