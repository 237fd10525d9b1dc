package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.result.WspResult;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * select and a close by another thread, as Windows behaves where the closesocket page is silent: select never
 * throws and never hangs; a listener closed under a read select wakes it, reported readable, once.
 */
public abstract class SelectCloseContract extends DuplicateContract {

    /** A select bound long enough never to end on its own while the test looks (a day on a virtual clock). */
    private Duration selectBound() {
        return rt.isVirtual() ? Duration.ofDays(1) : put.realTimeout().multipliedBy(3);
    }

    private BackgroundCall<WspResult<Winsock.Ready>> selectInBackground(Set<Long> read, Set<Long> except) {
        Duration bound = selectBound();
        BackgroundCall<WspResult<Winsock.Ready>> select = inBackground("select",
                () -> ws.select(read, Set.of(), except, bound));
        awaitBlocked(select, 1);
        return select;
    }

    @Test
    @DisplayName("observed Windows: closing a listener another thread selects on for reading wakes that select: 1, readable")
    public void required_select_listenerClosedUnderReadSelect_returnsOneReadable() {
        long l = listener();
        BackgroundCall<WspResult<Winsock.Ready>> select = selectInBackground(Set.of(l), Set.of());
        ok(atOnce("closesocket", () -> ws.closeSocket(l)), "closesocket under a select");
        Winsock.Ready ready = ok(select.join(put.realTimeout()), "the select woken by the close");
        assertEquals(1, ready.count(), "the select's count: " + ready);
        assertEquals(Set.of(l), ready.read(), "the closed listener is reported readable");
    }

    @Test
    @DisplayName("observed Windows: a socket in the read and except sets, closed under the select, is counted once")
    public void required_select_closedUnderSelectInTwoSets_countedOnce() {
        long l = listener();
        BackgroundCall<WspResult<Winsock.Ready>> select = selectInBackground(Set.of(l), Set.of(l));
        ok(atOnce("closesocket", () -> ws.closeSocket(l)), "closesocket under a select");
        Winsock.Ready ready = ok(select.join(put.realTimeout()), "the select woken by the close");
        assertEquals(1, ready.count(), "a closed socket counts once: " + ready);
        assertEquals(Set.of(l), ready.read(), "reported readable");
    }

    @Test
    @DisplayName("observed Windows: an except-only select is woken by a close in another thread, never throws, counts once at most")
    public void required_select_exceptOnlyClosedUnderSelect_wakes() {
        long l = listener();
        BackgroundCall<WspResult<Winsock.Ready>> select = selectInBackground(Set.of(), Set.of(l));
        ok(atOnce("closesocket", () -> ws.closeSocket(l)), "closesocket under an except-only select");
        Winsock.Ready ready = ok(select.join(put.realTimeout()), "the except-only select woken by the close");
        assertTrue(ready.count() <= 1, "a closed socket counts once at most: " + ready);
        assertTrue(ready.read().isEmpty() && ready.write().isEmpty(), "only the sets asked for: " + ready);
    }

    @Test
    @DisplayName("observed Windows: a connected socket closed under a read select wakes it, readable, once")
    public void required_select_connectedClosedUnderReadSelect_returnsOneReadable() {
        Connection c = connect();
        BackgroundCall<WspResult<Winsock.Ready>> select = selectInBackground(Set.of(c.client()), Set.of());
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket under a select");
        Winsock.Ready ready = ok(select.join(put.realTimeout()), "the select woken by the close");
        assertEquals(Set.of(c.client()), ready.read(), "the closed socket is reported readable: " + ready);
        assertEquals(1, ready.count(), "the select's count: " + ready);
    }
}
