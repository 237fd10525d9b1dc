package io.jwsp.testkit.fake;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;
import java.util.function.Function;

/** A fake provider that starts (Winsock 2.0 to 2.2), cleans up, and makes the sockets it is given. */
record SocketsOnly(Function<ProtocolInfo, WspSocket> sockets) implements WspProvider {
    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        return WsaVersion.negotiate(requested, WsaVersion.V2_0, WsaVersion.V2_2);
    }

    @Override
    public WspResult<Void> cleanup() {
        return WspResult.ok();
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int af, int type, int protocol, int flags) {
        return WspResult.ok(sockets.apply(info));
    }
}
