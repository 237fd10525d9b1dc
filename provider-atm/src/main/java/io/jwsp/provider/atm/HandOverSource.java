package io.jwsp.provider.atm;

import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.provider.atm.aal5.Cell;
import io.jwsp.provider.atm.q2931.Cause;
import io.jwsp.provider.atm.sw.HandOverMessage;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * WSADuplicateSocket of a connected ATM socket into another process: the source's half of moving its VC to the
 * target's port through the switch (docs/design.md, README "Handing a socket to another process").
 * <ol>
 *   <li>HOLD with a fresh random token and the target's pid: the switch refuses unless a process of that pid that
 *       takes duplicates is attached; else it holds every later cell for this VC and sends an OAM marker cell down
 *       after the last one it let through.</li>
 *   <li>Once the marker is here, nothing more arrives for this VC: the unread PDUs and the partial one are cut into
 *       cells again and queued, behind this socket's own cells still waiting to leave and an upstream marker, and
 *       HAND announces how many and carries the socket's names and options.</li>
 *   <li>The switch forwards this socket's last data to the far end, keeps the returned cells, takes the VC off this
 *       port and answers PARKED: the info is returned, and this process may close and exit.</li>
 * </ol>
 * Each step waits at most {@link #STEP_WAIT} (a real network exchange, in real time). A refused HOLD leaves the
 * socket as it was (WSAEINVAL); a failure after it clears the call with cause 41 (WSAENETDOWN), as the data is
 * already on its way out of this process.
 */
final class HandOverSource {
    static final Duration STEP_WAIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HandOverSource() {
    }

    /** Runs the hand-over with the provider's lock held (once, by the caller's thread); waits release it. */
    static WspResult<DuplicateInfo> run(AtmProvider provider, AtmVc vc, AtmReceiver receiver, ProtocolInfo info,
                                        SocketSnapshot snapshot, long targetPid) {
        Call call = vc.call();
        AtmAdapter adapter = vc.adapter();
        byte[] token = new byte[HandOverMessage.TOKEN];
        RANDOM.nextBytes(token);
        adapter.hold(call, token, targetPid);
        provider.await(() -> call.handOver != HandOverStep.HOLDING || call.isReleased(), STEP_WAIT);
        if (call.handOver == HandOverStep.REFUSED) {
            call.handOver = HandOverStep.NONE;
            return WspResult.fail(WsaError.WSAEINVAL); // nobody of that pid takes duplicates: nothing was held
        }
        if (call.handOver != HandOverStep.MARKED || call.isReleased()) {
            return failed(adapter, vc, call, token);
        }
        List<byte[]> back = new ArrayList<>();
        for (byte[] pdu : receiver.handOver()) {
            back.addAll(Aal5.segment(pdu, 0, call.vci));
        }
        byte[] partial = call.reassembler.partial();
        call.reassembler.reset();
        for (int p = 0; p + Cell.PAYLOAD <= partial.length; p += Cell.PAYLOAD) {
            back.add(new Cell(0, 0, call.vci, 0, 0, Arrays.copyOfRange(partial, p, p + Cell.PAYLOAD)).encode());
        }
        vc.handingOver();
        adapter.hand(call, token, provider.duplicateTtlMillis(), back, snapshot.encode());
        provider.await(() -> call.handOver != HandOverStep.HANDED || call.isReleased(), STEP_WAIT);
        if (call.handOver != HandOverStep.PARKED) {
            return failed(adapter, vc, call, token);
        }
        vc.moved();
        return WspResult.ok(new DuplicateInfo(info, targetPid, AtmDuplicateToken.reserved(token)));
    }

    private static WspResult<DuplicateInfo> failed(AtmAdapter adapter, AtmVc vc, Call call, byte[] token) {
        adapter.abandonHandOver(call, token);
        if (vc.released() || call.isReleased()) {
            return WspResult.fail(WsaError.WSAENOTCONN); // the call ended meanwhile
        }
        vc.release(new Cause(Cause.LOCATION_USER, Cause.TEMPORARY_FAILURE));
        return WspResult.fail(WsaError.WSAENETDOWN);
    }
}
