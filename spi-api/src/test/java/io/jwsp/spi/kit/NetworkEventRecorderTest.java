package io.jwsp.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.result.WsaError;
import org.junit.jupiter.api.Test;

/** The FD_* rules every provider shares (WSAEventSelect; closesocket "Note"). */
class NetworkEventRecorderTest {
    private static final int READ_CLOSE = FdEvents.FD_READ | FdEvents.FD_CLOSE;

    static final class Flag implements WspEvent {
        boolean set;

        @Override public void set() { set = true; }
        @Override public void reset() { set = false; }
        @Override public boolean isSet() { return set; }
    }

    @Test
    void fdClose_isRecordedOncePerConnection_notAgainAfterASecondSelectOrASecondClose() {
        NetworkEventRecorder r = new NetworkEventRecorder();
        Flag e = new Flag();
        r.select(e, READ_CLOSE);
        r.postClose(null); // the peer's shutdown(SD_SEND)
        assertTrue(r.enumerate(e).has(FdEvents.FD_CLOSE));
        r.select(e, READ_CLOSE); // same mask again
        r.post(FdEvents.FD_CLOSE, null); // the peer's closesocket after its shutdown
        NetworkEvents again = r.enumerate(e);
        assertFalse(again.has(FdEvents.FD_CLOSE), "FD_CLOSE recorded twice: " + again);
        assertFalse(e.isSet());
    }

    @Test
    void aCloseThatArrivedUnselected_isRecordedWhenAMaskIncludesFdClose_withItsError() {
        NetworkEventRecorder r = new NetworkEventRecorder();
        Flag e = new Flag();
        r.select(e, FdEvents.FD_READ);
        r.postClose(WsaError.WSAECONNRESET);
        assertEquals(0, r.enumerate(e).occurred());
        r.select(e, READ_CLOSE);
        assertTrue(e.isSet(), "the event is set when the remembered close is recorded");
        NetworkEvents seen = r.enumerate(e);
        assertTrue(seen.has(FdEvents.FD_CLOSE));
        assertEquals(WsaError.WSAECONNRESET, seen.errorOf(FdEvents.FD_CLOSE));
    }

    @Test
    void selectRecordsTheConditionsThatHoldNow_onlyThoseSelected() {
        NetworkEventRecorder r = new NetworkEventRecorder();
        Flag e = new Flag();
        r.select(e, FdEvents.FD_READ | FdEvents.FD_ACCEPT, new EventConditions(true, true, false));
        NetworkEvents seen = r.enumerate(e);
        assertEquals(FdEvents.FD_READ, seen.occurred());
        r.select(e, FdEvents.FD_READ, EventConditions.NONE);
        assertFalse(e.isSet(), "nothing holds: no event");
    }

    @Test
    void reenable_postsAgainOnlyWhileTheConditionHolds() {
        NetworkEventRecorder r = new NetworkEventRecorder();
        Flag e = new Flag();
        r.select(e, FdEvents.FD_READ);
        r.reenable(FdEvents.FD_READ, false);
        assertFalse(e.isSet());
        r.reenable(FdEvents.FD_READ, true);
        assertTrue(r.enumerate(e).has(FdEvents.FD_READ));
    }

    @Test
    void afterTheLocalCloseNothingIsRecorded_andNoCloseIsRemembered() {
        NetworkEventRecorder r = new NetworkEventRecorder();
        Flag e = new Flag();
        r.select(e, READ_CLOSE);
        r.closeLocally();
        r.post(FdEvents.FD_READ, null);
        r.postClose(null);
        assertFalse(e.isSet());
        assertEquals(0, r.enumerate(null).occurred());
        assertNull(r.event());
        assertFalse(r.isActive());
    }
}
