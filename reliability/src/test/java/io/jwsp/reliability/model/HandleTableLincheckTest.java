package io.jwsp.reliability.model;

import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.Map;
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

    public HandleTableLincheckTest() {
        handles[0] = table.register(open(first));
        handles[1] = table.duplicate(handles[0]).value();
        handles[2] = table.register(open(second));
    }

    static OpenSocket open(WspSocket s) {
        return new OpenSocket(s, null, "model", Map.of());
    }

    @Operation
    public String duplicate(@Param(name = "h") int h) {
        WspResult<Long> r = table.duplicate(handles[h]);
        return r.isOk() ? "dup" : r.error().symbol();
    }

    @Operation
    public String close(@Param(name = "h") int h) {
        WspResult<Void> r = table.close(handles[h], WspSocket::closeSocket);
        return r.isOk() ? "ok" : r.error().symbol();
    }

    @Operation
    public String lookup(@Param(name = "h") int h) {
        return table.lookup(handles[h]) != null ? "live" : "gone";
    }

    @Validate
    public void eachSocketClosedOnce_andOnlyWithoutLiveHandles() {
        SocketsClosedOnce.check(table, List.of(first, second));
    }

    @Test
    void required_handleTable_isLinearizable_andClosesEachSocketOnce() {
        new ModelCheckingOptions().iterations(Integer.getInteger("model.iterations", 10))
                .invocationsPerIteration(Integer.getInteger("model.invocations", 300)).threads(3).actorsPerThread(2)
                .check(HandleTableLincheckTest.class);
    }
}
