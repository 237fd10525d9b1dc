package io.jwsp.testkit.fake;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.UUID;

/**
 * A tiny provider for the testkit's own tests: stream sockets that can be opened, read SO_LINGER and closed, and
 * nothing else. Its entry has no XP1_GRACEFUL_CLOSE and there is no datagram entry, so TCK skips can be shown.
 */
public final class FakeProviderFactory implements WspProviderFactory {
    public static final UUID ID = UUID.fromString("0f0e0d0c-0b0a-4909-8807-060504030201");
    public static final ProtocolInfo STREAM = ProtocolInfo.base("fake stream", ID, AddressFamily.AF_INET,
            SocketType.SOCK_STREAM, IpProtocol.IPPROTO_TCP,
            ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER,
            ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, 0);

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public UUID providerId() {
        return ID;
    }

    @Override
    public List<ProtocolInfo> protocolEntries() {
        return List.of(STREAM);
    }

    @Override
    public WspProvider create(ProviderContext context) {
        return new SocketsOnly(FakeSocket::new);
    }

    /** A socket that only knows its linger default and how to close. */
    private record FakeSocket(ProtocolInfo protocolInfo) implements WspSocket {
        @Override
        public WspResult<Void> closeSocket() {
            return WspResult.ok();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
            if (SocketOptions.SO_LINGER.equals(option)) {
                return WspResult.ok((T) Linger.DONT_LINGER);
            }
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
    }
}
