package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.result.WspResult;
import java.util.Map;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * The runtime's handle table, model-checked (Lincheck's model checking strategy: it explores thread switches at
 * every shared access) against its own sequential behaviour: register, duplicate, close and lookup on handles of
 * two sockets, one of which starts with two handles. The table must be linearizable, the provider's close must run
 * exactly once per socket and only for its last handle (no handle lost, none freed twice), and the live count must
 * match what lookups see (DESIGN.md "Handles": generation-tagged, a stale handle answers WSAENOTSOCK every time).
 */
@Param(name = "h", gen = IntGen.class, conf = "0:2")
public class HandleTableLincheckTest {
    private final HandleTable table = new HandleTable();
    private final CountingSocket first = new CountingSocket();
    private final CountingSocket second = new CountingSocket();
    private final long[] handles = new long[3];

    public HandleTableLincheckTest() {
        handles[0] = table.register(open(first));
        handles[1] = table.duplicate(handles[0]).value();
        handles[2] = table.register(open(second));
    }

    private static OpenSocket open(WspSocket s) {
        return new OpenSocket(s, null, "model", Map.of());
    }

    /** A new handle to the socket {@code h} names: its value (deterministic for a given order) or the error. */
    @Operation
    public String duplicate(@Param(name = "h") int h) {
        WspResult<Long> r = table.duplicate(handles[h]);
        return r.isOk() ? "handle " + Long.toHexString(r.value()) : r.error().symbol();
    }

    @Operation
    public String close(@Param(name = "h") int h) {
        WspResult<Void> r = table.close(handles[h], WspSocket::closeSocket);
        return r.isOk() ? "ok" : r.error().symbol();
    }

    @Operation
    public boolean lookup(@Param(name = "h") int h) {
        return table.lookup(handles[h]) != null;
    }

    @Operation
    public int openHandles() {
        return table.openHandles();
    }

    @Operation
    public long register() {
        return table.register(open(new CountingSocket()));
    }

    /** After every scenario: no socket closed twice, and a closed socket has no live handle left. */
    @Validate
    public void noHandleLostOrFreedTwice() {
        int live = table.entries().size();
        if (live != table.openHandles()) {
            throw new IllegalStateException("entries " + live + " but openHandles " + table.openHandles());
        }
        check(first);
        check(second);
    }

    private void check(CountingSocket s) {
        if (s.closes > 1) {
            throw new IllegalStateException("a socket was closed " + s.closes + " times");
        }
        boolean anyLive = table.entries().stream().anyMatch(e -> e.socket().socket() == s);
        if (s.closes == 1 && anyLive) {
            throw new IllegalStateException("a closed socket still has a live handle");
        }
        if (s.closes == 0 && !anyLive) {
            throw new IllegalStateException("every handle of a socket is gone but it was never closed");
        }
    }

    @Test
    void required_handleTable_isLinearizable_andClosesEachSocketOnce() {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(Integer.getInteger("lincheck.iterations", 40))
                .invocationsPerIteration(Integer.getInteger("lincheck.invocations", 400))
                .threads(3)
                .actorsPerThread(3);
        assertDoesNotThrow(() -> LinChecker.check(HandleTableLincheckTest.class, options));
    }
}
