package io.jwsp.provider.atm.sw;

import io.jwsp.provider.atm.aal5.Cell;
import io.jwsp.provider.atm.addr.Bhli;
import io.jwsp.provider.atm.addr.Blli;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.q2931.InformationElement;
import io.jwsp.provider.atm.q2931.MessageType;
import io.jwsp.provider.atm.q2931.Q2931Message;
import io.jwsp.testkit.DatagramFuzzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every decoder of what crosses between ATM processes answers "malformed" (null), never throws. */
class AtmDecoderFuzzTest {
    private static final int RUNS = 100_000;

    @Test
    void sscop_q2931_cells_management_andTheirElements_neverThrow() {
        byte[] setup = new Q2931Message(1, false, MessageType.SETUP, List.of(
                InformationElement.connectionIdentifier(0, 40),
                InformationElement.cause(new Cause(Cause.LOCATION_USER, Cause.NORMAL_CALL_CLEARING)))).encode();
        byte[] cell = new Cell(0, 0, 32, 0, 0, new byte[48]).encode();
        byte[] assigned = {0, 'K', 0, 1, 0x47, 0, 5, (byte) 0x80, (byte) 0xFF, (byte) 0xE1, 0, 0, 0, 0, 0, 0, 1, 0,
            0x20, 0x48, 0, 0, 1, 0, 2, '1', '2'};
        byte[] sd = Sscop.sd(setup, 7);
        DatagramFuzzer fuzz = new DatagramFuzzer(6, List.of(setup, cell, assigned, sd));
        for (int i = 0; i < RUNS; i++) {
            byte[] d = fuzz.next(i);
            byte[] payload = Sscop.payloadOf(d);
            Q2931Message m = Q2931Message.decode(payload != null && i % 2 == 0 ? payload : d);
            if (m != null) {
                m.vci();
                m.vpi();
                m.cause();
                m.element(InformationElement.BLLI).ifPresent(ie -> Blli.decode(ie.contents()));
                m.element(InformationElement.BHLI).ifPresent(ie -> Bhli.decode(ie.contents()));
                m.element(InformationElement.CALLED_PARTY_NUMBER).ifPresent(ie -> AtmSwitch.decodeNumber(ie.contents()));
            }
            Cell.decode(d);
            UdpFraming.decodeAssigned(d, d.length);
            UdpFraming.cells(d, d.length);
            Cause.decode(d);
        }
    }
}
