package io.jwsp.spi.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WspResultTest {

    @Test
    void successFailureAndPendingFollowTheWinsockConventions() {
        WspResult<Integer> ok = WspResult.ok(5);
        assertEquals(0, ok.returnCode());
        assertEquals(0, ok.errno());
        assertNull(ok.error());

        WspResult<Integer> failed = WspResult.fail(WsaError.WSAECONNRESET);
        assertEquals(-1, failed.returnCode());
        assertEquals(10054, failed.errno());
        assertTrue(failed.is(WsaError.WSAECONNRESET));
        WsaException e = assertThrows(WsaException.class, failed::value);
        assertSame(WsaError.WSAECONNRESET, e.error());

        WspResult<Integer> pending = WspResult.pending();
        assertEquals(-1, pending.returnCode());
        assertEquals(997, pending.errno());
        assertTrue(pending.isPending());
    }

    @Test
    void mapAppliesToSuccessOnly() {
        assertEquals(6, WspResult.ok(5).map(x -> x + 1).value());
        assertSame(WsaError.WSAEINTR, WspResult.<Integer>fail(WsaError.WSAEINTR).map(x -> x + 1).error());
        assertTrue(WspResult.<Integer>pending().map(x -> x + 1).isPending());
    }

    @Test
    void aSmallCountIsOneSharedSuccessEqualToAFreshOne() {
        for (int n : new int[] {0, 1, 127}) {
            assertSame(WspResult.ok(n), WspResult.ok(n), "count " + n);
            assertEquals(new WspResult.Ok<>(n), WspResult.ok(n));
            assertEquals(n, WspResult.ok(n).value());
        }
        for (int n : new int[] {-1, 128, 65_536}) {
            assertEquals(new WspResult.Ok<>(n), WspResult.ok(n));
            assertEquals(n, WspResult.ok(n).value());
        }
        assertEquals(new WspResult.Ok<>(5L), WspResult.ok(5L)); // only Integer counts are shared
        assertTrue(WspResult.ok(1).isOk());
    }

    @Test
    void everyCodeOfTheReferenceIsKnownByNumber() {
        int[] codes = {6, 8, 87, 995, 996, 997, 10004, 10009, 10013, 10014, 10022, 10024, 10035, 10036, 10037,
            10038, 10039, 10040, 10041, 10042, 10043, 10044, 10045, 10046, 10047, 10048, 10049, 10050, 10051, 10052,
            10053, 10054, 10055, 10056, 10057, 10058, 10059, 10060, 10061, 10064, 10065, 10067, 10091, 10092, 10093,
            10101, 10102, 10103, 10104, 10105, 10106, 10107, 11001, 11002};
        for (int code : codes) {
            WsaError e = WsaError.ofCode(code);
            assertEquals(code, e.code(), "code " + code);
            assertTrue(e.symbol().startsWith("WSA"));
            assertTrue(!e.meaning().isBlank());
        }
        assertEquals(codes.length, WsaError.values().length);
        assertNull(WsaError.ofCode(0));
    }
}
