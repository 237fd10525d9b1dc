package io.jwsp.provider.irda.stack;

import io.jwsp.provider.irda.stack.TtpConnection.Ending;
import java.util.List;
import java.util.Objects;

/**
 * One end of a TinyTP connection as it moves to another process (WSADuplicateSocket): whom it talks to, the
 * credit both ways, and the bytes it holds. Unread data keeps its frames, because this end grants one credit back
 * per whole frame read.
 *
 * @param peerDevice          the other end's device
 * @param peerLsap            the other end's selector
 * @param open                whether the connection is open (else {@code ending} says how it ended)
 * @param ending              how it ended, {@link Ending#NONE} while open
 * @param endReason           the IrLMP reason of that end
 * @param sendCredit          data frames the peer allows this end to send
 * @param creditsOutstanding  data frames this end allowed the peer and has not received yet
 * @param creditsFreed        credit this end owes the peer (read frames, not granted back yet)
 * @param drainThenDisconnect whether DISCONNECT(1) follows once the unsent bytes have left (shutdown or a close)
 * @param discardIncoming     whether nobody reads this end any more (incoming data is dropped, its credit returned)
 * @param unread              received frames not read yet (the first one from where reading stopped)
 * @param unsent              bytes queued for sending, not yet in a frame
 */
public record ConnectionImage(int peerDevice, int peerLsap, boolean open, Ending ending, int endReason,
                              int sendCredit, int creditsOutstanding, int creditsFreed, boolean drainThenDisconnect,
                              boolean discardIncoming, List<byte[]> unread, byte[] unsent) {
    public ConnectionImage {
        Objects.requireNonNull(ending, "ending");
        unread = List.copyOf(unread);
        Objects.requireNonNull(unsent, "unsent");
    }

    /** Bytes of unread data. */
    public int unreadBytes() {
        int n = 0;
        for (byte[] f : unread) {
            n += f.length;
        }
        return n;
    }
}
