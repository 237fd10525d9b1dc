package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runtime's handle table, model-checked ({@link Interleavings}) against its own sequential behaviour:
 * duplicate, close and lookup from three threads on the handles of two sockets, one of which starts with two
 * handles. Besides each call's answer, the final observer checks what must hold whatever the order: each socket's
 * provider close ran at most once and only once its last handle was gone, and the live count equals the live
 * entries (DESIGN.md "Handles"; "only the last close of the shared socket disconnects").
 */
class HandleTableModelTest {
    static final class Model {
        final HandleTable table = new HandleTable();
        final CountingSocket first = new CountingSocket();
        final CountingSocket second = new CountingSocket();
        final long[] handles = new long[3];

        Model() {
            handles[0] = table.register(open(first));
            handles[1] = table.duplicate(handles[0]).value();
            handles[2] = table.register(open(second));
        }

        static OpenSocket open(WspSocket s) {
            return new OpenSocket(s, null, "model", Map.of());
        }

        String duplicate(int h) {
            WspResult<Long> r = table.duplicate(handles[h]);
            return r.isOk() ? "dup" : r.error().symbol();
        }

        String close(int h) {
            WspResult<Void> r = table.close(handles[h], WspSocket::closeSocket);
            return r.isOk() ? "ok" : r.error().symbol();
        }

        String lookup(int h) {
            return table.lookup(handles[h]) != null ? "live" : "gone";
        }

        /** The state every order must agree on, and the invariants no order may break. */
        String observe() {
            List<HandleTable.Entry> live = table.entries();
            assertEquals(live.size(), table.openHandles(), "open count vs live entries");
            for (CountingSocket s : List.of(first, second)) {
                boolean anyLive = live.stream().anyMatch(e -> e.socket().socket() == s);
                if (s.closes > 1 || (s.closes == 1) == anyLive) {
                    throw new AssertionError("socket closed " + s.closes + " time(s) with live handles: " + anyLive);
                }
            }
            return "closes=" + first.closes + "/" + second.closes + " open=" + table.openHandles() + " live="
                    + live.stream().map(e -> e.socket().socket() == first ? "A" : "B").sorted()
                    .collect(Collectors.joining());
        }
    }

    private static List<Interleavings.Op<Model>> menu() {
        List<Interleavings.Op<Model>> ops = new java.util.ArrayList<>();
        for (int h = 0; h < 3; h++) {
            int i = h;
            ops.add(new Interleavings.Op<>("duplicate(h" + i + ")", m -> m.duplicate(i)));
            ops.add(new Interleavings.Op<>("close(h" + i + ")", m -> m.close(i)));
            ops.add(new Interleavings.Op<>("lookup(h" + i + ")", m -> m.lookup(i)));
        }
        ops.add(new Interleavings.Op<>("register", m -> {
            m.table.register(Model.open(new CountingSocket()));
            return "registered";
        }));
        return ops;
    }

    @Test
    void required_handleTable_isSequentiallyConsistent_andClosesEachSocketOnce() {
        Interleavings<Model> checker = new Interleavings<>(Model::new, Model::observe, menu());
        int runs = checker.check(Long.getLong("model.seed", 20261123L), Integer.getInteger("model.scenarios", 40),
                3, 3, Integer.getInteger("model.runs", 150));
        assertEquals(Integer.getInteger("model.scenarios", 40) * Integer.getInteger("model.runs", 150), runs);
    }

    /** The classic: both handles of one socket closed at once; exactly one provider close, whichever wins. */
    @Test
    void required_closingBothHandlesOfOneSocket_closesItOnce() {
        Interleavings<Model> checker = new Interleavings<>(Model::new, Model::observe, menu());
        List<List<Interleavings.Op<Model>>> scenario = List.of(
                List.of(new Interleavings.Op<>("close(h0)", m -> m.close(0)),
                        new Interleavings.Op<>("close(h0)", m -> m.close(0))),
                List.of(new Interleavings.Op<>("close(h1)", m -> m.close(1)),
                        new Interleavings.Op<>("duplicate(h1)", m -> m.duplicate(1))));
        checker.check(scenario, 7L, 2_000);
        // One order, spelled out: close h0, h1 -> the socket closed once; the second close(h0) is WSAENOTSOCK.
        org.junit.jupiter.api.Assertions.assertTrue(checker.sequentialOutcomes(scenario).contains(
                "T0[ok, WSAENOTSOCK] T1[ok, WSAENOTSOCK] then closes=1/0 open=1 live=B"));
    }
}
