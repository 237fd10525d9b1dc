package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import java.util.List;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * A seeded race, to show the model checker bites: closesocket's handle half done as check-then-act outside the
 * socket's lock (close the provider's socket when the other handle is gone, then drop this one). Run one after
 * another, the two closes of a socket with two handles close it once; interleaved, each can see the other's handle
 * still live, and the socket is never closed; and two closes of one handle can both answer success.
 * {@link HandleTableLincheckTest} holds the real table to the same invariant ({@link SocketsClosedOnce}).
 */
@Param(name = "h", gen = IntGen.class, conf = "0:1")
public class CheckThenActCloseLincheckTest {
    private final HandleTable table = new HandleTable();
    private final CountingSocket socket = new CountingSocket();
    private final long[] handles = new long[2];

    public CheckThenActCloseLincheckTest() {
        handles[0] = table.register(new OpenSocket(socket, null, "model", Map.of()));
        handles[1] = table.duplicate(handles[0]).value();
    }

    @Operation
    public String close(@Param(name = "h") int h) {
        HandleTable.Entry mine = table.lookup(handles[h]);
        if (mine == null) {
            return "WSAENOTSOCK";
        }
        if (table.lookup(handles[1 - h]) == null) { // the check ...
            socket.closeSocket();                    // ... and the act, with nothing held in between
        }
        table.forget(mine);
        return "ok";
    }

    @Validate
    public void socketClosedOnce_andOnlyWithoutLiveHandles() {
        SocketsClosedOnce.check(table, List.of(socket));
    }

    @Test
    void lincheck_findsAnInterleavingThatBreaksTheClose() {
        AssertionError e = assertThrows(AssertionError.class, () -> new ModelCheckingOptions().iterations(10)
                .invocationsPerIteration(200).threads(2).actorsPerThread(1).actorsBefore(0).actorsAfter(0)
                .check(CheckThenActCloseLincheckTest.class));
        String found = e.getMessage();
        assertTrue(found.contains("socket closed 0 time(s) with live handles: false")
                || found.contains("Invalid execution results") && found.contains("close(0): ok | close(0): ok")
                || found.contains("close(1): ok | close(1): ok"), found);
    }
}
