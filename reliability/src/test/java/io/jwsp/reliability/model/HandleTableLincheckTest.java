package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * The runtime's handle table, model-checked by Lincheck: duplicate, close and lookup from three threads on the
 * handles of two sockets, one of which starts with two handles. Lincheck explores the interleavings of the
 * operations (its model-checking strategy switches threads at every shared access, not at random) and checks each
 * result against some sequential order; after each run it checks what must hold whatever the order: each socket's
 * provider close ran at most once and only once its last handle was gone, and the live count equals the live
 * entries (DESIGN.md "Handles"; "only the last close of the shared socket disconnects").
 */
@Param(name = "h", gen = IntGen.class, conf = "0:2")
public class HandleTableLincheckTest {
    final HandleTable table = new HandleTable();
    final CountingSocket first = new CountingSocket();
    final CountingSocket second = new CountingSocket();
    final long[] handles = new long[3];
    /** Every handle issued, duplicates included: what the seeded race below scans. */
    final Queue<Long> issued = new ConcurrentLinkedQueue<>();

    public HandleTableLincheckTest() {
        handles[0] = table.register(open(first));
        handles[1] = table.duplicate(handles[0]).value();
        handles[2] = table.register(open(second));
        for (long h : handles) {
            issued.add(h);
        }
    }

    static OpenSocket open(WspSocket s) {
        return new OpenSocket(s, null, "model", Map.of());
    }

    @Operation
    public String duplicate(@Param(name = "h") int h) {
        WspResult<Long> r = table.duplicate(handles[h]);
        if (r.isOk()) {
            issued.add(r.value());
        }
        return r.isOk() ? "dup" : r.error().symbol();
    }

    @Operation
    public String close(@Param(name = "h") int h) {
        return closeHandle(handles[h]);
    }

    /** closesocket's handle half, as the facade calls it. */
    String closeHandle(long handle) {
        WspResult<Void> r = table.close(handle, WspSocket::closeSocket);
        return r.isOk() ? "ok" : r.error().symbol();
    }

    @Operation
    public String lookup(@Param(name = "h") int h) {
        return table.lookup(handles[h]) != null ? "live" : "gone";
    }

    @Validate
    public void eachSocketClosedOnce_andOnlyWithoutLiveHandles() {
        List<HandleTable.Entry> live = table.entries();
        if (live.size() != table.openHandles()) {
            throw new AssertionError("open count " + table.openHandles() + " vs " + live.size() + " live entries");
        }
        for (CountingSocket s : List.of(first, second)) {
            boolean anyLive = live.stream().anyMatch(e -> e.socket().socket() == s);
            if (s.closes > 1 || (s.closes == 1) == anyLive) {
                throw new AssertionError("socket closed " + s.closes + " time(s) with live handles: " + anyLive);
            }
        }
    }

    /**
     * The seeded race: closesocket's handle half done as check-then-act outside the socket's lock (close the
     * provider's socket when no other live handle names it, then drop the handle). Two threads closing the two
     * handles of one socket can each see the other's handle still live, and the socket is never closed.
     */
    public static class CheckThenActClose extends HandleTableLincheckTest {
        @Override
        String closeHandle(long handle) {
            HandleTable.Entry e = table.lookup(handle);
            if (e == null) {
                return "WSAENOTSOCK";
            }
            boolean last = true;
            for (long other : issued) {
                HandleTable.Entry o = other == handle ? null : table.lookup(other);
                last &= o == null || o.socket() != e.socket();
            }
            if (last) {
                e.socket().socket().closeSocket();
            }
            table.forget(e);
            return "ok";
        }
    }

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions().iterations(Integer.getInteger("model.iterations", 10))
                .invocationsPerIteration(Integer.getInteger("model.invocations", 300)).threads(3).actorsPerThread(2);
    }

    @Test
    void required_handleTable_isLinearizable_andClosesEachSocketOnce() {
        options().check(HandleTableLincheckTest.class);
    }

    @Test
    void lincheck_catchesACheckThenActClose() {
        AssertionError e = assertThrows(AssertionError.class, () -> options().check(CheckThenActClose.class));
        assertTrue(e.getMessage().contains("Validation function eachSocketClosedOnce_andOnlyWithoutLiveHandles has failed"),
                e.getMessage());
    }
}
