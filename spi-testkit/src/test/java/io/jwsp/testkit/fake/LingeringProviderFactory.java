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
import io.jwsp.spi.time.TimeSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A provider whose stream sockets always hold unsent data the peer never acknowledges: a blocking closesocket with
 * SO_LINGER set waits its whole linger time on the runtime's clock, then resets the connection (closesocket's page:
 * "if the timeout expires before all data has been sent, [it] terminates the connection before closesocket
 * returns"). What the testkit's clean-up must never hang on.
 */
public final class LingeringProviderFactory implements WspProviderFactory {
    public static final UUID ID = UUID.fromString("1f0e0d0c-0b0a-4909-8807-060504030201");
    public static final ProtocolInfo STREAM = ProtocolInfo.base("lingering stream", ID, AddressFamily.AF_INET,
            SocketType.SOCK_STREAM, IpProtocol.IPPROTO_TCP,
            ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER
                    | ServiceFlags.XP1_GRACEFUL_CLOSE,
            ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, 0);

    @Override
    public String name() {
        return "lingering";
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
        return new SocketsOnly(info -> new LingeringSocket(info, context.timeSource()));
    }

    private static final class LingeringSocket implements WspSocket {
        private final ProtocolInfo info;
        private final TimeSource clock;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition acknowledged = lock.newCondition(); // never signalled: the peer never reads
        private volatile Linger linger = Linger.DONT_LINGER;

        LingeringSocket(ProtocolInfo info, TimeSource clock) {
            this.info = info;
            this.clock = clock;
        }

        @Override
        public ProtocolInfo protocolInfo() {
            return info;
        }

        @Override
        public WspResult<Void> closeSocket() {
            if (!linger.waits()) {
                return WspResult.ok(); // graceful in the background, or abortive: no wait either way
            }
            lock.lock();
            try {
                long deadline = clock.nanoTime() + TimeUnit.SECONDS.toNanos(linger.seconds());
                for (long left = deadline - clock.nanoTime(); left > 0; left = deadline - clock.nanoTime()) {
                    clock.awaitNanos(lock, acknowledged, left);
                }
                return WspResult.ok(); // the linger time ran out: the connection is reset
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return WspResult.fail(WsaError.WSAEINTR);
            } finally {
                lock.unlock();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
            if (SocketOptions.SO_LINGER.equals(option)) {
                return WspResult.ok((T) linger);
            }
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }

        @Override
        public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
            if (SocketOptions.SO_LINGER.equals(option)) {
                linger = (Linger) value;
                return WspResult.ok();
            }
            if (SocketOptions.SO_DONTLINGER.equals(option)) {
                linger = linger.withDontLinger((Boolean) value);
                return WspResult.ok();
            }
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
    }
}
