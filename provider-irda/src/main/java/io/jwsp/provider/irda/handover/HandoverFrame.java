package io.jwsp.provider.irda.handover;

import io.jwsp.provider.irda.stack.ConnectionImage;
import java.net.InetSocketAddress;

/**
 * The frames of a connection's hand-over between processes (WSADuplicateSocket), carried as carriage payloads of
 * their own beside IrDA's frames ({@link HandoverCodec}). S is the source process, T the target, P the process of
 * the connection's other end:
 * <ol>
 *   <li>T to S: {@link Claim} (the token from dwProviderReserved, T's pid, the device and selector T gives it);</li>
 *   <li>S freezes the connection and, once its frames have left, S to P: {@link Repoint};</li>
 *   <li>P freezes its end, re-points it at T once its frames to S have left, and answers P to S: {@link Repointed}
 *       (everything P sent to S is ahead of it, in order);</li>
 *   <li>S to T: {@link State} (the connection with every byte it held), or {@link Refused} at any point before.</li>
 * </ol>
 */
public sealed interface HandoverFrame {
    /** T asks for the connection {@code token} names. */
    record Claim(byte[] token, long targetPid, int device, int lsap) implements HandoverFrame {
    }

    /** S answers a claim it will not serve, with the error T's WSASocket answers. */
    record Refused(byte[] token, int errorCode) implements HandoverFrame {
    }

    /**
     * S tells P: your connection {@code peerDevice/peerLsap} with {@code oldDevice/oldLsap} goes on with
     * {@code newDevice/newLsap} at {@code newAddress}.
     */
    record Repoint(long handoverId, int peerDevice, int peerLsap, int oldDevice, int oldLsap, int newDevice,
                   int newLsap, InetSocketAddress newAddress) implements HandoverFrame {
    }

    /** P answers: re-pointed ({@code found}), or it no longer has that connection. */
    record Repointed(long handoverId, int peerDevice, int peerLsap, int oldDevice, int oldLsap, boolean found)
            implements HandoverFrame {
    }

    /** S gives T the connection, its options, and where P's process is. */
    record State(byte[] token, InetSocketAddress peerAddress, ConnectionImage image, MovedOptions options)
            implements HandoverFrame {
    }
}
