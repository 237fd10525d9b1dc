package io.jwsp.spi.kit;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.io.PollRequest;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A layer that passes every call to the provider below it, the IFS sample's copied procedure table: a layer
 * extends this and overrides only the calls it changes, and {@link #wrap} to give its sockets their own
 * {@link ForwardingSocket} subclass.
 *
 * <p>The protocol info a call receives is passed down unchanged. When {@code lower} is the base, the runtime has
 * already handed this layer a view of the base that substitutes the base's own entry, so no layer does that itself.
 */
public class ForwardingProvider implements WspProvider {
    /** The next provider down the chain: another layer, or the base. */
    protected final WspProvider lower;

    public ForwardingProvider(WspProvider lower) {
        this.lower = Objects.requireNonNull(lower, "lower");
    }

    public final WspProvider lower() {
        return lower;
    }

    /**
     * Wraps a socket the provider below made (by socket, accept or joinLeaf). The default adds nothing but the
     * indirection; layers answer their own {@link ForwardingSocket} subclass.
     */
    protected WspSocket wrap(WspSocket lowerSocket) {
        return new ForwardingSocket(this, lowerSocket);
    }

    @Override
    public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
        return lower.startup(requested, upcalls);
    }

    @Override
    public WspResult<Void> cleanup() {
        return lower.cleanup();
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                       int flags) {
        WspResult<WspSocket> r = lower.socket(info, addressFamily, socketType, protocol, flags);
        return r.isOk() ? WspResult.ok(wrap(r.value())) : r;
    }

    /** A duplicated socket adopted below, wrapped as this layer's own. */
    @Override
    public WspResult<WspSocket> adoptSocket(ProtocolInfo info, ProviderReserved reserved, int flags) {
        WspResult<WspSocket> r = lower.adoptSocket(info, reserved, flags);
        return r.isOk() ? WspResult.ok(wrap(r.value())) : r;
    }

    /**
     * Hands the provider below its own sockets (each {@link ForwardingSocket}'s delegate) and maps the ready
     * subsets back to this layer's sockets.
     */
    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        if (sets == null) {
            return lower.select(null, timeoutNanos);
        }
        Map<WspSocket, WspSocket> upper = new IdentityHashMap<>();
        SelectSets down = new SelectSets(unwrapAll(sets.read(), upper), unwrapAll(sets.write(), upper),
                unwrapAll(sets.except(), upper));
        WspResult<SelectSets> r = lower.select(down, timeoutNanos);
        if (upper.isEmpty()) {
            return r;
        }
        return r.map(ready -> new SelectSets(rewrapAll(ready.read(), upper), rewrapAll(ready.write(), upper),
                rewrapAll(ready.except(), upper)));
    }

    /** WSPPoll below, each socket unwrapped; the revents are positional, so they come back as they are. */
    @Override
    public WspResult<int[]> poll(List<PollRequest> requests, long timeoutNanos) {
        if (requests == null) {
            return lower.poll(null, timeoutNanos);
        }
        List<PollRequest> down = new ArrayList<>(requests.size());
        for (PollRequest r : requests) {
            down.add(r != null && r.socket() instanceof ForwardingSocket f ? new PollRequest(f.delegate(), r.events())
                    : r);
        }
        return lower.poll(down, timeoutNanos);
    }

    private static List<WspSocket> unwrapAll(List<WspSocket> sockets, Map<WspSocket, WspSocket> upper) {
        List<WspSocket> out = new ArrayList<>(sockets.size());
        for (WspSocket s : sockets) {
            if (s instanceof ForwardingSocket f) {
                upper.put(f.delegate(), f);
                out.add(f.delegate());
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static List<WspSocket> rewrapAll(List<WspSocket> sockets, Map<WspSocket, WspSocket> upper) {
        List<WspSocket> out = new ArrayList<>(sockets.size());
        for (WspSocket s : sockets) {
            out.add(upper.getOrDefault(s, s));
        }
        return out;
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        return lower.cancelBlockingCall(thread);
    }

    @Override
    public WspResult<String> addressToString(SockAddr address, ProtocolInfo info) {
        return lower.addressToString(address, info);
    }

    @Override
    public WspResult<SockAddr> stringToAddress(String text, int addressFamily, ProtocolInfo info) {
        return lower.stringToAddress(text, addressFamily, info);
    }

    /** This layer first, then the providers below it. */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : lower.unwrap(type);
    }
}
