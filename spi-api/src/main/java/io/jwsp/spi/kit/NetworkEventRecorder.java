package io.jwsp.spi.kit;

import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.result.WsaError;

/**
 * One socket's event-select state: the selected FD_* mask, its event object, and what has been recorded since
 * the last enumeration. Once {@link #closeLocally} runs nothing more is recorded: FD_CLOSE is never posted to the
 * side that closed (closesocket, "Note").
 */
public final class NetworkEventRecorder {
    private WspEvent event;
    private int mask;
    private int recorded;
    private final int[] errors = new int[FdEvents.FD_MAX_EVENTS];
    private boolean closed;

    /** WSPEventSelect. A zero mask cancels the association; earlier records are kept until enumerated. */
    public synchronized void select(WspEvent newEvent, int newMask) {
        event = newMask == 0 ? null : newEvent;
        mask = newMask & FdEvents.FD_ALL_EVENTS;
    }

    /** Whether event select is active, which makes the socket nonblocking. */
    public synchronized boolean isActive() {
        return mask != 0;
    }

    public synchronized int mask() {
        return mask;
    }

    /** Records {@code fdBit} with {@code error} ({@code null} for none) if it is selected, and sets the event. */
    public void post(int fdBit, WsaError error) {
        WspEvent toSet;
        synchronized (this) {
            if (closed || (mask & fdBit) == 0) {
                return;
            }
            recorded |= fdBit;
            errors[FdEvents.bitIndex(fdBit)] = error == null ? 0 : error.code();
            toSet = event;
        }
        if (toSet != null) {
            toSet.set();
        }
    }

    /** WSPEnumNetworkEvents: a snapshot, then clear; resets {@code toReset} when given. */
    public NetworkEvents enumerate(WspEvent toReset) {
        NetworkEvents out;
        synchronized (this) {
            out = new NetworkEvents(recorded, errors);
            recorded = 0;
            java.util.Arrays.fill(errors, 0);
        }
        if (toReset != null) {
            toReset.reset();
        }
        return out;
    }

    /** The local close started: disable every event at once. */
    public synchronized void closeLocally() {
        closed = true;
        mask = 0;
        event = null;
    }
}
