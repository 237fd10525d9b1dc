package io.jwsp.provider.atm.sw;

import io.jwsp.spi.time.Cancellable;
import java.util.ArrayDeque;

/**
 * One VC on its way from a source port to a target port (WSADuplicateSocket into another process), as the switch
 * keeps it. From HOLD on, cells for the source are held here instead of being sent down its port; after the source's
 * upstream marker, what it sends on the VC is its own unread data coming back ({@link #returned}). The target gets the
 * returned cells first, then the held ones, in order, once it said READY. Guarded by the provider's lock.
 */
final class HandOver {
    /** Cells held for the target (from the far end) beyond which the switch drops, as AAL5 has no flow control. */
    static final int MAX_HELD = 1 << 18;

    enum Stage {
        /** The marker went down; the source still sends its last data and then returns its unread PDUs. */
        HOLDING,
        /** HAND arrived; the returned cells may still be on their way. */
        HANDED,
        /** Everything is here; the source's port no longer has the VC; waiting for the target's CLAIM. */
        PARKED,
        /** The target has the call; its cells wait for its READY. */
        CLAIMED
    }

    final byte[] token;
    final String key;
    final long targetPid;
    final AtmSwitch.Leg source;
    AtmSwitch.Leg target;
    Stage stage = Stage.HOLDING;
    /** Whether the source's upstream marker passed: what follows on the VC is returned data. */
    boolean returning;
    int expectedReturned = -1;
    byte[] state = new byte[0];
    Cancellable expiry;
    final ArrayDeque<byte[]> returned = new ArrayDeque<>();
    final ArrayDeque<byte[]> held = new ArrayDeque<>();
    long dropped;

    HandOver(byte[] token, long targetPid, AtmSwitch.Leg source) {
        this.token = token.clone();
        this.key = HandOverMessage.key(token);
        this.targetPid = targetPid;
        this.source = source;
    }

    /** A cell from the far end while the VC is between ports. */
    void hold(byte[] cell) {
        if (held.size() < MAX_HELD) {
            held.add(cell);
        } else {
            dropped++;
        }
    }

    /** A cell the source returns (after its marker); false when it returns more than it announced. */
    boolean giveBack(byte[] cell) {
        if (returned.size() >= HandOverMessage.MAX_RETURNED
                || (expectedReturned >= 0 && returned.size() >= expectedReturned)) {
            dropped++;
            return false;
        }
        returned.add(cell);
        return true;
    }

    boolean complete() {
        return stage == Stage.HANDED && returned.size() == expectedReturned;
    }

    void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
    }
}
