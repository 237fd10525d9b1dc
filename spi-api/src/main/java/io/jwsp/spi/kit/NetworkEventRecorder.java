package io.jwsp.spi.kit;

import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.result.WsaError;
import java.util.Arrays;

/**
 * One socket's event-select state: the selected FD_* mask, its event object, and what has been recorded since the
 * last enumeration. Every provider records, posts and re-enables events through this class, so the rules live here:
 *
 * <ul>
 *   <li>A provider {@link #post}s an event when its condition arises; it is recorded only when selected.</li>
 *   <li>WSPEventSelect records at once what already holds ({@link #select(WspEvent, int, EventConditions)}).</li>
 *   <li>Re-enabling: the call that consumes a condition calls {@link #reenable} with whether it still holds (recv
 *       and FD_READ with data left, accept and FD_ACCEPT with connections left, a send that answered
 *       WSAEWOULDBLOCK and FD_WRITE once room returns).</li>
 *   <li>FD_CLOSE is posted once per connection (WSAEventSelect: it is never re-enabled): not again after a second
 *       WSAEventSelect, not again when a close follows a shutdown(SD_SEND) that already posted it. A close that
 *       arrived while FD_CLOSE was not selected is remembered and recorded when a later mask includes it.</li>
 *   <li>Once {@link #closeLocally} runs nothing more is recorded: FD_CLOSE is never posted to the side that closed
 *       (closesocket, "Note").</li>
 * </ul>
 *
 * <p>Thread-safe on its own monitor; the event object is set outside it.
 */
public final class NetworkEventRecorder {
    private static final int[] NO_ERRORS = new int[FdEvents.FD_MAX_EVENTS];

    private WspEvent event;
    /** Volatile so that {@link #post} of an event nobody selected costs one read, not a monitor. */
    private volatile int mask;
    private int recorded;
    /** Allocated with the first error recorded: most sockets never record one. */
    private int[] errors;
    private boolean closed;
    /** The peer's close arrived (FIN, reset, disconnect) on this socket's connection. */
    private boolean closeArrived;
    private WsaError closeError;
    /** FD_CLOSE was recorded for this connection: it is never recorded again. */
    private boolean closePosted;

    /** WSPEventSelect. A zero mask cancels the association; earlier records are kept until enumerated. */
    public void select(WspEvent newEvent, int newMask) {
        select(newEvent, newMask, EventConditions.NONE);
    }

    /**
     * WSPEventSelect, recording at once the events of {@code newMask} whose condition holds now, and a close that
     * arrived earlier but was never recorded.
     */
    public void select(WspEvent newEvent, int newMask, EventConditions now) {
        WspEvent toSet;
        synchronized (this) {
            event = newMask == 0 ? null : newEvent;
            mask = newMask & FdEvents.FD_ALL_EVENTS;
            boolean any = now.readable() && record(FdEvents.FD_READ, null);
            any |= now.writable() && record(FdEvents.FD_WRITE, null);
            any |= now.acceptable() && record(FdEvents.FD_ACCEPT, null);
            any |= closeArrived && recordClose();
            toSet = any ? event : null;
        }
        if (toSet != null) {
            toSet.set();
        }
    }

    /** Whether event select is active, which makes the socket nonblocking. */
    public synchronized boolean isActive() {
        return mask != 0;
    }

    public synchronized int mask() {
        return mask;
    }

    /** The event object of the association, or {@code null} (an accepted socket inherits it). */
    public synchronized WspEvent event() {
        return event;
    }

    /**
     * Records {@code fdBit} with {@code error} ({@code null} for none) if it is selected, and sets the event.
     * FD_CLOSE goes through the once-per-connection rule ({@link #postClose}).
     */
    public void post(int fdBit, WsaError error) {
        if (fdBit == FdEvents.FD_CLOSE) {
            postClose(error);
            return;
        }
        if ((mask & fdBit) == 0) {
            return; // not selected: nothing to record (the provider posts and selects under its own lock)
        }
        WspEvent toSet;
        synchronized (this) {
            toSet = record(fdBit, error) ? event : null;
        }
        if (toSet != null) {
            toSet.set();
        }
    }

    /**
     * The peer's close arrived ({@code error}: WSAECONNRESET for a reset, {@code null} for a graceful end). Recorded
     * now if FD_CLOSE is selected, else when a later mask selects it; never twice for one connection.
     */
    public void postClose(WsaError error) {
        WspEvent toSet;
        synchronized (this) {
            if (closed || closeArrived) {
                return;
            }
            closeArrived = true;
            closeError = error;
            toSet = recordClose() ? event : null;
        }
        if (toSet != null) {
            toSet.set();
        }
    }

    /** Re-enabling: the call that consumes {@code fdBit}'s condition posts it again when the condition still holds. */
    public void reenable(int fdBit, boolean conditionStillHolds) {
        if (conditionStillHolds) {
            post(fdBit, null);
        }
    }

    /** WSPEnumNetworkEvents: a snapshot, then clear; resets {@code toReset} when given. */
    public NetworkEvents enumerate(WspEvent toReset) {
        NetworkEvents out;
        synchronized (this) {
            out = new NetworkEvents(recorded, errors == null ? NO_ERRORS : errors);
            recorded = 0;
            if (errors != null) {
                Arrays.fill(errors, 0);
            }
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

    private boolean recordClose() {
        if (closePosted || !record(FdEvents.FD_CLOSE, closeError)) {
            return false;
        }
        closePosted = true;
        return true;
    }

    private boolean record(int fdBit, WsaError error) {
        if (closed || (mask & fdBit) == 0) {
            return false;
        }
        recorded |= fdBit;
        if (error != null && errors == null) {
            errors = new int[FdEvents.FD_MAX_EVENTS];
        }
        if (errors != null) {
            errors[FdEvents.bitIndex(fdBit)] = error == null ? 0 : error.code();
        }
        return true;
    }
}
