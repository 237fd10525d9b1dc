package io.jwsp.runtime.facade;

import io.jwsp.runtime.catalog.impl.ProtocolCatalog;
import io.jwsp.runtime.dispatch.ChainInstances;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.runtime.provider.ProviderSlot;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WSAStartup/WSACleanup counting for one runtime. The runtime supports Winsock 1.1 to 2.2. The last cleanup (or
 * {@link #close}) closes every socket still open, then cleans up the layer instances and every provider started.
 */
final class RuntimeLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeLifecycle.class);

    static final WsaVersion LOWEST = WsaVersion.V1_1;
    static final WsaVersion HIGHEST = WsaVersion.V2_2;

    private final HandleTable handles;
    private final ChainInstances chains;
    private final List<ProviderSlot> slots;
    private final Object lock = new Object();
    private volatile int count;
    private boolean closed;

    RuntimeLifecycle(HandleTable handles, ChainInstances chains, List<ProviderSlot> slots) {
        this.handles = handles;
        this.chains = chains;
        this.slots = slots;
    }

    boolean started() {
        return count > 0;
    }

    int count() {
        return count;
    }

    WspResult<StartupReply> startup(WsaVersion requested) {
        if (requested == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        synchronized (lock) {
            if (closed) {
                return WspResult.fail(WsaError.WSASYSNOTREADY);
            }
            WspResult<StartupReply> r = WsaVersion.negotiate(requested, LOWEST, HIGHEST);
            if (r.isOk()) {
                count++;
            }
            return r;
        }
    }

    WspResult<Void> cleanup() {
        synchronized (lock) {
            if (count == 0) {
                return WspResult.fail(WsaError.WSANOTINITIALISED);
            }
            if (--count == 0) {
                shutDown();
            }
            return WspResult.ok();
        }
    }

    /**
     * Issues the first handle of a socket a provider just made (socket, accept), unless the last cleanup ran
     * meanwhile: its close has already swept the handle table, so the socket is closed here instead (as the sweep
     * would have) and the call answers WSANOTINITIALISED. Checking "started" once at the call's start is not
     * enough: a cleanup in another thread may run while the provider makes the socket.
     */
    WspResult<Long> register(OpenSocket socket) {
        synchronized (lock) {
            if (count > 0) {
                return WspResult.ok(handles.register(socket));
            }
        }
        LOG.debug("a socket of provider {} made while the runtime cleaned up is closed", socket.providerName());
        closeForCleanup(socket.socket());
        return WspResult.fail(WsaError.WSANOTINITIALISED);
    }

    void close() {
        synchronized (lock) {
            count = 0;
            closed = true;
            shutDown();
        }
    }

    private void shutDown() {
        List<HandleTable.Entry> open = handles.entries();
        if (!open.isEmpty()) {
            LOG.debug("closing {} handles left open at cleanup", open.size());
        }
        for (HandleTable.Entry e : open) {
            WspResult<Void> r;
            try {
                r = handles.close(e.handle(), RuntimeLifecycle::closeForCleanup);
            } catch (Throwable ex) { // a provider's crash must not stop the sweep
                LOG.error("closing a socket of provider {} at cleanup threw", e.socket().providerName(), ex);
                r = WspResult.fail(WsaError.WSASYSCALLFAILURE);
            }
            if (r == null || r.isFailed() && r.error() != WsaError.WSAENOTSOCK) { // null: a broken provider
                LOG.warn("a socket of provider {} would not close at cleanup ({}); its handle is dropped",
                        e.socket().providerName(), r == null ? "no answer" : r.error());
                handles.forget(e);
            }
        }
        chains.cleanup();
        for (ProviderSlot s : slots) {
            s.cleanup();
        }
    }

    /**
     * A close at cleanup never blocks: WSPCleanup "finishes unsent data on sockets set for graceful close", so a
     * socket set to linger N is switched to SO_DONTLINGER (a graceful close in the background) rather than made to
     * wait, which on a virtual clock nobody advances would never end. Should a close still answer WSAEWOULDBLOCK,
     * the socket is reset (linger 0), as WSACleanup's page says of sockets left open.
     */
    private static WspResult<Void> closeForCleanup(WspSocket s) {
        WspResult<Linger> linger = s.getSockOpt(SocketOptions.SO_LINGER);
        if (linger != null && linger.isOk() && linger.value() != null && linger.value().waits()) {
            s.setSockOpt(SocketOptions.SO_DONTLINGER, Boolean.TRUE);
        }
        WspResult<Void> r = s.closeSocket();
        if (r != null && r.is(WsaError.WSAEWOULDBLOCK)) {
            s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(0));
            r = s.closeSocket();
        }
        return r;
    }
}
