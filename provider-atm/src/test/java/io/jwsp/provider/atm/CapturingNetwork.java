package io.jwsp.provider.atm;

import io.jwsp.provider.atm.q2931.MessageType;
import io.jwsp.provider.atm.q2931.Q2931Message;
import io.jwsp.provider.atm.sw.NetworkSide;
import io.jwsp.provider.atm.sw.Sscop;
import java.util.ArrayList;
import java.util.List;

/** Wraps an adapter's network side to keep the exact bytes of every RELEASE it sends (out of their SSCOP PDUs). */
final class CapturingNetwork implements NetworkSide {
    private final NetworkSide inner;
    private final List<byte[]> releases = new ArrayList<>();

    private CapturingNetwork(NetworkSide inner) {
        this.inner = inner;
    }

    /** Puts a capture in front of device 0 (the lab's client side). */
    static CapturingNetwork install(AtmLab lab) {
        AtmAdapter a = lab.provider.adapters().getFirst();
        CapturingNetwork c = new CapturingNetwork(a.network());
        lab.provider.sync().run(() -> a.connectTo(c, a.port()));
        return c;
    }

    @Override
    public void signalling(int port, byte[] sscopPdu) {
        byte[] message = Sscop.payloadOf(sscopPdu);
        Q2931Message m = message == null ? null : Q2931Message.decode(message);
        if (m != null && m.type() == MessageType.RELEASE) {
            releases.add(message);
        }
        inner.signalling(port, sscopPdu);
    }

    @Override
    public void cell(int port, byte[] cell) {
        inner.cell(port, cell);
    }

    List<byte[]> releases() {
        return releases;
    }
}
