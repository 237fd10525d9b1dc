package io.jwsp.runtime.provider;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WspResult;
import java.util.Optional;

/**
 * The base provider as the layer directly above it sees it: every call passes through, except that the protocol
 * info argument is replaced by the base entry's own (wsp-contract.md §2.2 item 4), so base providers never see a
 * chain. Startup and cleanup pass through too: a layer that forwards them adds a startup the base counts, and
 * takes it away again at its own cleanup.
 */
public final class BaseEntryView implements WspProvider {
    private final WspProvider base;
    private final ProtocolInfo baseInfo;

    public BaseEntryView(WspProvider base, ProtocolInfo baseInfo) {
        this.base = base;
        this.baseInfo = baseInfo;
    }

    public ProtocolInfo baseInfo() {
        return baseInfo;
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        return base.startup(requested, upcalls);
    }

    @Override
    public WspResult<Void> cleanup() {
        return base.cleanup();
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        return base.socket(baseInfo, addressFamily, socketType, protocol, flags);
    }

    @Override
    public WspResult<WspSocket> adoptSocket(ProtocolInfo info, ProviderReserved reserved, int flags) {
        return base.adoptSocket(baseInfo, reserved, flags);
    }

    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        return base.select(sets, timeoutNanos);
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        return base.cancelBlockingCall(thread);
    }

    @Override
    public WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        return base.addressToString(address, baseInfo);
    }

    @Override
    public WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        return base.stringToAddress(text, addressFamily, baseInfo);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        return base.unwrap(type);
    }
}
