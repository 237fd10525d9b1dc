package io.jwsp.provider.atm.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.sw.AtmSwitch;
import org.junit.jupiter.api.Test;

class SapTest {
    private static final AtmAddress A = AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(0), 1);
    private static final AtmAddress B = AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(0), 2);

    @Test
    void sockaddrAtm_text_roundTrips() {
        assertEquals(A, AtmAddress.parse(A.toString()));
        assertEquals("47000580FFE100000000000001.002048000000.01", A.toString());
        assertEquals(AtmAddress.e164("12345"), AtmAddress.parse("+12345"));
        AtmSockAddr s = new AtmSockAddr(A, Blli.layer2(Blli.BLLI_L2_LLC), Bhli.ABSENT);
        assertEquals(s, AtmSockAddr.parse(s.toString()));
    }

    @Test
    void sap_matching_anyMatchesEverythingAbsentMatchesAbsence() {
        AtmSockAddr listener = new AtmSockAddr(A, Blli.LAYER2_ANY, Bhli.ABSENT);
        assertTrue(listener.accepts(A, Blli.layer2(Blli.BLLI_L2_LLC), Bhli.ABSENT));
        assertTrue(listener.accepts(A, Blli.ABSENT, Bhli.ABSENT), "ANY also takes an absent BLLI");
        assertFalse(listener.accepts(B, Blli.ABSENT, Bhli.ABSENT), "another selector is another SAP");
        assertFalse(listener.accepts(A, Blli.ABSENT, new Bhli(Bhli.BHLI_USER_SPECIFIC, new byte[] {1})));
        AtmSockAddr anySel = AtmSockAddr.of(new AtmAddress(SapField.ANY_AESA_SEL, A.bytes()));
        assertTrue(anySel.accepts(B, Blli.ABSENT, Bhli.ABSENT));
    }

    @Test
    void sap_overlap_isWhenOneSetupCouldMatchBoth() {
        AtmSockAddr llc = new AtmSockAddr(A, Blli.layer2(Blli.BLLI_L2_LLC), Bhli.ABSENT);
        AtmSockAddr any = new AtmSockAddr(A, Blli.LAYER2_ANY, Bhli.ABSENT);
        AtmSockAddr absent = AtmSockAddr.of(A);
        AtmSockAddr other = AtmSockAddr.of(B);
        assertTrue(llc.overlaps(any));
        assertTrue(absent.overlaps(absent));
        assertFalse(llc.overlaps(absent), "BLLI present vs absent never match the same SETUP");
        assertFalse(absent.overlaps(other));
        assertTrue(AtmSockAddr.of(AtmAddress.ANY).overlaps(other));
    }

    @Test
    void connectDestination_mayNotCarryWildcards() {
        assertTrue(AtmSockAddr.of(A).isValidDestination());
        assertFalse(new AtmSockAddr(A, Blli.LAYER2_ANY, Bhli.ABSENT).isValidDestination());
        assertFalse(new AtmSockAddr(A, Blli.ABSENT, Bhli.ANY).isValidDestination());
        assertFalse(AtmSockAddr.of(AtmAddress.ANY).isValidDestination());
    }
}
