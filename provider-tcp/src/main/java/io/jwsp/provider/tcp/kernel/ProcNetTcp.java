package io.jwsp.provider.tcp.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.time.Duration;

/**
 * What the kernel itself says about a connection: the state column of {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (state 06 is TIME_WAIT). Without /proc (not Linux) every connection answers no state.
 */
public final class ProcNetTcp {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private ProcNetTcp() {
    }

    /** Whether the kernel can be asked at all. */
    public static boolean available() {
        return Files.isReadable(TABLES.getFirst());
    }

    /** Every state the kernel lists for the pair (local, peer); usually zero or one entry. */
    public static List<TcpState> states(InetSocketAddress local, InetSocketAddress peer) {
        List<TcpState> out = new ArrayList<>();
        // /proc is read in chunks while the kernel's table changes, so one socket may be listed twice: a socket
        // with an inode (field 9) counts once; TIME_WAIT entries have none and are taken as listed
        Set<String> inodes = new HashSet<>();
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length < 4) {
                    continue;
                }
                boolean again = f.length > 9 && !"0".equals(f[9]) && !inodes.add(f[9]);
                if (!again && local.equals(parse(f[1])) && peer.equals(parse(f[2]))) {
                    out.add(TcpState.of(Integer.parseInt(f[3], 16)));
                }
            }
        }
        return out;
    }

    /**
     * Whether the closer (local) sits in TIME_WAIT. When it is still between its FIN and TIME_WAIT (FIN_WAIT1,
     * FIN_WAIT2, CLOSING) and the peer, on this host, has already sent its own FIN (LAST_ACK, CLOSING, or gone),
     * the kernel is a few microseconds from TIME_WAIT: the answer waits for it, at most {@code settle} (real time,
     * re-reading /proc about every millisecond). A peer that has not closed gets its answer at once.
     */
    public static boolean inTimeWait(InetSocketAddress local, InetSocketAddress peer, Duration settle) {
        long end = System.nanoTime() + settle.toNanos();
        while (true) {
            List<TcpState> mine = states(local, peer);
            if (mine.contains(TcpState.TIME_WAIT)) {
                return true;
            }
            boolean closing = mine.contains(TcpState.FIN_WAIT1) || mine.contains(TcpState.FIN_WAIT2)
                    || mine.contains(TcpState.CLOSING);
            List<TcpState> theirs = states(peer, local);
            boolean peerSentFin = theirs.isEmpty() || theirs.contains(TcpState.LAST_ACK)
                    || theirs.contains(TcpState.CLOSING) || theirs.contains(TcpState.TIME_WAIT);
            if (!closing || !peerSentFin || System.nanoTime() >= end) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    public static boolean inTimeWait(InetSocketAddress local, InetSocketAddress peer) {
        return states(local, peer).contains(TcpState.TIME_WAIT);
    }

    /** "0100007F:1F90" (IPv4) or 32 hex digits (IPv6), each 32-bit word in host byte order. */
    static InetSocketAddress parse(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String hex = field.substring(0, colon);
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        byte[] addr = new byte[hex.length() / 2];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int w = 0; w < addr.length / 4; w++) {
            int word = (int) Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                int shift = little ? 8 * b : 8 * (3 - b);
                addr[w * 4 + b] = (byte) (word >>> shift);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
