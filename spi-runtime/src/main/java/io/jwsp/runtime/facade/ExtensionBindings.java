package io.jwsp.runtime.facade;

import io.jwsp.runtime.ext.WinsockAcceptEx;
import io.jwsp.runtime.ext.WinsockConnectEx;
import io.jwsp.runtime.ext.WinsockDisconnectEx;
import io.jwsp.runtime.ext.WinsockTransmitFile;
import io.jwsp.runtime.ext.WinsockTransmitPackets;
import io.jwsp.runtime.facade.WinsockFacade.Mode;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.ext.accept.AcceptEx;
import io.jwsp.spi.ext.accept.GetAcceptExSockaddrs;
import io.jwsp.spi.ext.connect.ConnectEx;
import io.jwsp.spi.ext.connect.DisconnectEx;
import io.jwsp.spi.ext.transmit.TransmitFile;
import io.jwsp.spi.ext.transmit.TransmitPackets;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Turns a provider's extension function (taking provider sockets) into the application's (taking handles): every
 * call goes the facade's one path on its first handle, the other handle is looked up the same way, and a handle of
 * a provider other than the one that answered the function is WSAEINVAL. Adding a function is one case here and one
 * interface in {@code io.jwsp.runtime.ext}.
 */
final class ExtensionBindings {
    private final WinsockFacade facade;
    private final HandleTable handles;

    ExtensionBindings(WinsockFacade facade, HandleTable handles) {
        this.facade = facade;
        this.handles = handles;
    }

    /** The application's function object for {@code function}, answered by {@code provider}; {@code null}: none. */
    ExtensionFunction bind(ExtensionFunction function, WspProvider provider) {
        return switch (function) {
            case AcceptEx f -> (WinsockAcceptEx) (listen, accept, output, receive, local, remote, ov) ->
                    acceptEx(f, provider, listen, accept, output, receive, local, remote, ov);
            case GetAcceptExSockaddrs f -> f;
            case ConnectEx f -> (WinsockConnectEx) (s, name, send, ov) -> facade.onSocket(s, Mode.QUICK,
                    name == null || ov == null ? WsaError.WSAEFAULT : null,
                    o -> o.dispatcher() != provider ? Failures.of(WsaError.WSAEINVAL)
                            : OverlappedRecords.issue(o, ov, x -> f.connectEx(o, name, send, x)));
            case DisconnectEx f -> (WinsockDisconnectEx) (s, ov, flags, reserved) -> facade.onSocket(s,
                    ov == null ? Mode.BLOCKING : Mode.QUICK, reserved != 0 ? WsaError.WSAEINVAL : null,
                    o -> o.dispatcher() != provider ? Failures.of(WsaError.WSAEINVAL)
                            : ov == null ? f.disconnectEx(o, null, flags)
                            : OverlappedRecords.issue(o, ov, x -> f.disconnectEx(o, x, flags)));
            case TransmitFile f -> (WinsockTransmitFile) (s, file, n, perSend, ov, buffers, flags) ->
                    onProviderSocket(s, provider, ov, x -> f.transmitFile(x.slot(), file, n, perSend, x.record(),
                            buffers, flags));
            case TransmitPackets f -> (WinsockTransmitPackets) (s, elements, size, ov, flags) ->
                    onProviderSocket(s, provider, ov, x -> f.transmitPackets(x.slot(), elements, size, x.record(),
                            flags));
            default -> null;
        };
    }

    /** A call of a socket and an optional record: blocking without the record, issued on it with one. */
    private record Issue(OpenSocket slot, Overlapped record) {
    }

    private WspResult<Integer> onProviderSocket(long s, WspProvider provider, Overlapped ov,
                                                Function<Issue, WspResult<Integer>> call) {
        return facade.onSocket(s, ov == null ? Mode.BLOCKING : Mode.QUICK, null,
                o -> o.dispatcher() != provider ? Failures.of(WsaError.WSAEINVAL)
                        : ov == null ? call.apply(new Issue(o, null))
                        : OverlappedRecords.issue(o, ov, x -> call.apply(new Issue(o, x))));
    }

    private WspResult<Integer> acceptEx(AcceptEx f, WspProvider provider, long listen, long accept, ByteBuffer output,
                                        int receive, int local, int remote, Overlapped ov) {
        return facade.onSocket(listen, Mode.QUICK, acceptExRefusal(output, receive, local, remote, ov), o -> {
            HandleTable.Entry a = handles.lookup(accept);
            if (a == null || a.socket().isClosing()) {
                return Failures.of(WsaError.WSAENOTSOCK);
            }
            OpenSocket target = a.socket();
            if (o.dispatcher() != provider || target.dispatcher() != provider) {
                return Failures.of(WsaError.WSAEINVAL);
            }
            return OverlappedRecords.issue(o, ov,
                    x -> f.acceptEx(o.socket(), target, output, receive, local, remote, x));
        });
    }

    static boolean isContextOption(SockOpt<?> option) {
        return ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT.equals(option)
                || ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT.equals(option);
    }

    /**
     * SO_UPDATE_ACCEPT_CONTEXT (the value: the listening socket's handle, which must name an open socket) or
     * SO_UPDATE_CONNECT_CONTEXT on {@code o}: WSAEINVAL unless {@code o}'s socket came from that AcceptEx / ConnectEx.
     */
    WspResult<Void> updateContext(OpenSocket o, SockOpt<?> option, Object value) {
        if (ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT.equals(option)) {
            HandleTable.Entry listener = value instanceof Long l ? handles.lookup(l) : null;
            if (listener == null || listener.socket().isClosing()) {
                return Failures.of(WsaError.WSAENOTSOCK);
            }
        }
        return o.updateContext(option) ? WspResult.ok() : Failures.of(WsaError.WSAEINVAL);
    }

    private static WsaError acceptExRefusal(ByteBuffer output, int receive, int local, int remote,
                                            Overlapped ov) {
        if (output == null || ov == null || output.isReadOnly() || receive < 0 || local < 0 || remote < 0) {
            return WsaError.WSAEFAULT;
        }
        return (long) receive + local + remote > output.remaining() ? WsaError.WSAEFAULT : null;
    }
}
