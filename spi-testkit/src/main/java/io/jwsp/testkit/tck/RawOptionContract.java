package io.jwsp.testkit.tck;

import static io.jwsp.spi.option.SocketOptions.SOL_SOCKET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Raw option buffers that are too short. Windows reads a BOOL option with an optlen shorter than 4 leniently (it
 * reads what is there); jwsp keeps the documented rule instead (setsockopt, WSAEFAULT: "optlen is too small"): a
 * short optlen is WSAEFAULT and changes nothing, the same for every option size, so a one-byte optval never means
 * different things on differently ordered machines. Both readings agree that a getsockopt answering WSAEFAULT
 * writes nothing into optval.
 */
public abstract class RawOptionContract extends ShutdownSemanticsContract {
    private static final int SO_DONTLINGER = SocketOptions.SO_DONTLINGER.name();

    @Test
    @DisplayName("setsockopt WSAEFAULT (documented, kept against Windows' lenient BOOL): a BOOL with optlen < 4 changes nothing")
    public void required_sockopt_rawShortBool_isWSAEFAULT_andChangesNothing() {
        long s = open();
        setLinger(s, false, 0);
        byte[] on = {0, 0, 0, 0}; // SO_DONTLINGER FALSE: would turn lingering on
        for (int len = 1; len < 4; len++) {
            fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, SO_DONTLINGER, on, len),
                    "setsockopt(SO_DONTLINGER, optlen " + len + ")");
        }
        assertEquals(Linger.DONT_LINGER, linger(s), "SO_LINGER after the refused calls");
    }

    @Test
    @DisplayName("getsockopt WSAEFAULT: a too-short optlen writes nothing into optval")
    public void required_sockopt_rawShortGet_writesNothing() {
        long s = open();
        for (int name : new int[] {SO_DONTLINGER, SocketOptions.SO_LINGER.name(), SocketOptions.SO_RCVBUF.name()}) {
            for (int len = 0; len < 4; len++) {
                byte[] optval = new byte[8];
                Arrays.fill(optval, (byte) 0x5A);
                fails(WsaError.WSAEFAULT, ws.getSockOpt(s, SOL_SOCKET, name, optval, len),
                        "getsockopt(0x" + Integer.toHexString(name) + ", optlen " + len + ")");
                byte[] untouched = new byte[8];
                Arrays.fill(untouched, (byte) 0x5A);
                assertArrayEquals(untouched, optval, "optval after a refused getsockopt(0x"
                        + Integer.toHexString(name) + ", optlen " + len + ")");
            }
        }
    }
}
