package io.jwsp.spi;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.io.PollFlags;
import io.jwsp.spi.io.PollOverSelect;
import io.jwsp.spi.io.PollRequest;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.Optional;

/**
 * A provider's procedure table, the provider-wide half of WSPPROC_TABLE. The calls that take a socket live on
 * {@link WspSocket}, the object this provider's {@link #socket} returns. Every call answers a {@link WspResult}
 * and never throws for a socket error. A provider that lacks an operation keeps the default: WSAEOPNOTSUPP.
 */
public interface WspProvider {
    /** WSAPROTOCOL_INFOW's WSA_FLAG_OVERLAPPED for {@link #socket}'s flags. */
    int WSA_FLAG_OVERLAPPED = 0x1;

    /**
     * WSPStartup: version negotiation ({@link WsaVersion#negotiate}) and one more startup to count. The provider
     * keeps the most recent upcall table.
     */
    WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls);

    /** WSPCleanup: one startup less; the last one releases everything. WSANOTINITIALISED at count 0. */
    WspResult<Void> cleanup();

    /**
     * WSPSocket. {@code info} is the catalog entry the runtime chose (for a base provider, always its own entry;
     * layers see their chain's).
     */
    WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol, int flags);

    /**
     * WSPSelect over sockets of this provider. {@code timeoutNanos} &lt; 0 waits forever; 0 polls; more waits at most
     * that long on the provider's {@code TimeSource}. Answers the ready subsets.
     *
     * <p>What the runtime guarantees of a call:
     * <ul>
     *   <li>every socket in {@code sets} was made by this provider instance (through {@link #socket} or an
     *       accept), each appears at most once per set (however many handles of it the application gave), a
     *       socket may appear in more than one set, and there is at least one socket in all;</li>
     *   <li>the call runs on the application's thread, marked as its blocking call: {@link #cancelBlockingCall}
     *       for that thread must end it (WSAEINTR);</li>
     *   <li>the runtime resolved the application's handles once, before the call: a socket in the sets may have
     *       been closed by another thread since, or be closed while the call waits.</li>
     * </ul>
     * What the runtime expects of the answer (the TCK's select cases pin it):
     * <ul>
     *   <li>never {@code null}, never a throw (either is WSASYSCALLFAILURE to the application): errors are a failed
     *       {@link WspResult};</li>
     *   <li>each set answered a subset of the set asked, each socket at most once in it; the runtime ignores a
     *       socket that was not asked for, and reports each one under every handle the application gave for it;</li>
     *   <li>a close of one of the sockets, before or during the call, never makes it fail or wait on: the close
     *       wakes it, and the closed socket counts once at most: readable when it was asked for reading (a
     *       listener as much as a connected socket) and in no other set; asked for exceptions only, in the except
     *       set or in none.</li>
     * </ul>
     */
    default WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        return WspResult.fail(WsaError.WSAEOPNOTSUPP);
    }

    /**
     * WSPPoll over sockets of this provider (the same guarantees as {@link #select}, except that a socket may be
     * asked more than once): one revents per request, in order, with WSAPoll's bits ({@link PollFlags}). The
     * default is built on {@link #select} ({@link PollOverSelect}); a provider that knows its states better may
     * answer directly.
     */
    default WspResult<int[]> poll(List<PollRequest> requests, long timeoutNanos) {
        return PollOverSelect.poll(this, requests, timeoutNanos);
    }

    /** WSPCancelBlockingCall: the blocking call {@code thread} is in returns WSAEINTR; WSAEINVAL if there is none. */
    default WspResult<Void> cancelBlockingCall(Thread thread) {
        return WspResult.fail(WsaError.WSAEINVAL);
    }

    /**
     * WSPSocket with a protocol info from WSPDuplicateSocket ({@code dwProviderReserved} set): the socket another
     * process duplicated into this one. {@code info} is the catalog entry the runtime chose for it. Every reserved
     * value answers once at most; an unknown, spent or expired one is WSAEINVAL, as is a provider that cannot adopt.
     */
    default WspResult<WspSocket> adoptSocket(ProtocolInfo info, ProviderReserved reserved, int flags) {
        return WspResult.fail(WsaError.WSAEINVAL);
    }

    /** WSPAddressToString. */
    default WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        if (address == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        return WspResult.ok(address.toString());
    }

    /** WSPStringToAddress. */
    default WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        return WspResult.fail(WsaError.WSAEOPNOTSUPP);
    }

    /**
     * Provider-specific extensions (a TIME_WAIT table, a simulated medium's controls), JDBC-style. Layers pass
     * the question down.
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
