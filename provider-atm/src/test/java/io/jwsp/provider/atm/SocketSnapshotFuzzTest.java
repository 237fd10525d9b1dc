package io.jwsp.provider.atm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.addr.Blli;
import io.jwsp.provider.atm.addr.Bhli;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.option.Linger;
import io.jwsp.testkit.DatagramFuzzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The socket state a hand-over carries (through the switch, from another process) and the dwProviderReserved an
 * application carries: both decoders answer null for anything malformed and never throw.
 */
class SocketSnapshotFuzzTest {
    private static SocketSnapshot sample() {
        SocketSettings s = new SocketSettings();
        s.linger = new Linger(true, 7);
        s.receiveBuffer = 64 << 20;
        s.receiveTimeoutMillis = 1500;
        s.debug = true;
        AtmSockAddr local = new AtmSockAddr(AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(0), 1),
                Blli.layer2(12), new Bhli(1, new byte[] {1, 2, 3}));
        AtmSockAddr peer = AtmSockAddr.of(AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(3), 0));
        return SocketSnapshot.of(local, peer, s);
    }

    @Test
    void aSnapshot_roundTrips() {
        SocketSnapshot s = sample();
        SocketSnapshot back = SocketSnapshot.decode(s.encode());
        assertNotNull(back);
        assertEquals(s.local(), back.local());
        assertEquals(s.peer(), back.peer());
        assertEquals(s.settings().linger, back.settings().linger);
        assertEquals(64 << 20, back.settings().receiveBuffer);
        assertEquals(1500, back.settings().receiveTimeoutMillis);
        assertTrue(back.settings().debug);
        assertArrayEquals(s.encode(), back.encode());
    }

    @Test
    void theDecoders_neverThrow() {
        byte[] snapshot = sample().encode();
        byte[] token = AtmDuplicateToken.reserved(new byte[16]).bytes();
        DatagramFuzzer fuzz = new DatagramFuzzer(21, List.of(snapshot, token));
        int accepted = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] d = fuzz.next(i);
            SocketSnapshot s = SocketSnapshot.decode(d);
            if (s != null) {
                accepted++;
                assertNotNull(SocketSnapshot.decode(s.encode()));
            }
            if (d.length <= ProviderReserved.MAX_LENGTH) {
                byte[] t = AtmDuplicateToken.of(ProviderReserved.of(d));
                assertTrue(t == null || t.length == 16);
            }
        }
        assertTrue(accepted > 0, "some mutations stay well-formed");
        assertNull(SocketSnapshot.decode(null));
        assertNull(AtmDuplicateToken.of(null));
    }
}
