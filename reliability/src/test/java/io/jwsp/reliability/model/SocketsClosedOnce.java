package io.jwsp.reliability.model;

import io.jwsp.runtime.handle.HandleTable;
import java.util.List;

/**
 * What must hold after any order of handle operations: the live count equals the live entries, and each socket's
 * provider close ran at most once, and exactly once its last handle was gone (DESIGN.md "Handles").
 */
final class SocketsClosedOnce {
    private SocketsClosedOnce() {
    }

    static void check(HandleTable table, List<CountingSocket> sockets) {
        List<HandleTable.Entry> live = table.entries();
        if (live.size() != table.openHandles()) {
            throw new AssertionError("open count " + table.openHandles() + " vs " + live.size() + " live entries");
        }
        for (CountingSocket s : sockets) {
            boolean anyLive = live.stream().anyMatch(e -> e.socket().socket() == s);
            if (s.closes > 1 || (s.closes == 1) == anyLive) {
                throw new AssertionError("socket closed " + s.closes + " time(s) with live handles: " + anyLive);
            }
        }
    }
}
