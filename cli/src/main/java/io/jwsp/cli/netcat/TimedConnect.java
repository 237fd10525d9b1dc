package io.jwsp.cli.netcat;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.setup.Wsa;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.time.Duration;
import java.util.Set;

/**
 * A connect that gives up after a time, the Winsock way: nonblocking connect, then select() for writability (it
 * connected) or the exception set (it failed, SO_ERROR says why) with the time-out, then blocking again.
 */
final class TimedConnect {
    private TimedConnect() {
    }

    static void connect(Winsock ws, long s, SockAddr target, Duration timeout, String what) {
        Wsa.require(ws.ioctl(s, IoControls.FIONBIO, Boolean.TRUE), "ioctlsocket(FIONBIO, 1)");
        WspResult<Void> r = ws.connect(s, target);
        if (!r.isOk()) {
            if (!r.is(WsaError.WSAEWOULDBLOCK)) {
                throw CliFailure.connection(what + " failed: " + Wsa.describe(r));
            }
            Winsock.Ready ready = Wsa.require(ws.select(Set.of(), Set.of(s), Set.of(s), timeout), "select");
            if (ready.except().contains(s)) {
                WspResult<Integer> so = ws.getSockOpt(s, SocketOptions.SO_ERROR);
                WsaError e = so.isOk() && so.value() != 0 ? WsaError.ofCode(so.value()) : null;
                String why = e != null ? e + ": " + e.meaning() : "the connection did not complete";
                throw CliFailure.connection(what + " failed: " + why);
            }
            if (!ready.write().contains(s)) {
                throw CliFailure.connection(what + " timed out after " + timeout.toMillis() + " ms (--connect-timeout)");
            }
        }
        Wsa.require(ws.ioctl(s, IoControls.FIONBIO, Boolean.FALSE), "ioctlsocket(FIONBIO, 0)");
    }
}
