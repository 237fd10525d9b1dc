package io.jwsp.provider.irda.handover;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one provider's hand-overs counted: frames refused (and why) and hand-overs done. Every refusal is also
 * logged (DEBUG; a WARN for the ones only a faulty or hostile peer causes).
 */
public final class HandoverCounters {
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refusedTokens = new AtomicLong();
    private final AtomicLong wrongPeer = new AtomicLong();
    private final AtomicLong heldDropped = new AtomicLong();
    private final AtomicLong movedOut = new AtomicLong();
    private final AtomicLong movedIn = new AtomicLong();

    /** Hand-over frames that did not decode. */
    public long malformed() {
        return malformed.get();
    }

    /** Claims with an unknown, spent, expired or misdirected (another pid) token. */
    public long refusedTokens() {
        return refusedTokens.get();
    }

    /** Frames from a process other than the one the hand-over expects them from, or for no hand-over. */
    public long wrongPeer() {
        return wrongPeer.get();
    }

    /** Frames for a connection still arriving here, beyond what may be held for it (dropped). */
    public long heldDropped() {
        return heldDropped.get();
    }

    /** Connections that went on in another process. */
    public long movedOut() {
        return movedOut.get();
    }

    /** Connections that came from another process. */
    public long movedIn() {
        return movedIn.get();
    }

    void countMalformed() {
        malformed.incrementAndGet();
    }

    void countRefusedToken() {
        refusedTokens.incrementAndGet();
    }

    void countWrongPeer() {
        wrongPeer.incrementAndGet();
    }

    void countHeldDropped() {
        heldDropped.incrementAndGet();
    }

    void countMovedOut() {
        movedOut.incrementAndGet();
    }

    void countMovedIn() {
        movedIn.incrementAndGet();
    }

    @Override
    public String toString() {
        return "hand-overs: out " + movedOut + ", in " + movedIn + "; refused: malformed " + malformed
                + ", tokens " + refusedTokens + ", wrong peer " + wrongPeer + ", held dropped " + heldDropped;
    }
}
