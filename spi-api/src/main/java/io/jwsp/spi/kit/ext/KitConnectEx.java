package io.jwsp.spi.kit.ext;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.ext.connect.ConnectEx;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.KitSocket;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * ConnectEx for a provider on the kit, over the provider's own calls: connect (a nonblocking socket's WSAEWOULDBLOCK
 * then waits in select for the outcome, SO_ERROR telling a failure), then the send-on-connect bytes. Runs on a
 * virtual thread of its own, registered with the socket: closing it, or CancelIo on it, ends the call with
 * WSA_OPERATION_ABORTED (Windows then leaves the socket unusable: close it).
 */
public final class KitConnectEx implements ConnectEx {
    private final WspProvider provider;

    public KitConnectEx(WspProvider provider) {
        this.provider = provider;
    }

    @Override
    public WspResult<Integer> connectEx(SocketSlot socket, SockAddr name, ByteBuffer sendBuffer,
                                        Overlapped overlapped) {
        if (socket == null || name == null || overlapped == null) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (!(socket.socket() instanceof KitSocket s)) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        WspResult<Boolean> listening = s.getSockOpt(SocketOptions.SO_ACCEPTCONN);
        if (listening.isOk() && listening.value() || !s.getSockName().isOk()) {
            return WspResult.fail(WsaError.WSAEINVAL); // ConnectEx's page: an unbound (or listening) socket
        }
        if (s.getPeerName().isOk()) {
            return WspResult.fail(WsaError.WSAEISCONN);
        }
        ExtensionCall call = new ExtensionCall(overlapped);
        if (!s.core().extensionCalls().enterAlone(call)) {
            return WspResult.fail(WsaError.WSAEALREADY);
        }
        ByteBuffer data = sendBuffer == null ? null : sendBuffer.duplicate();
        call.runOn(Thread.ofVirtual().name("jwsp ConnectEx").start(() -> run(call, s, socket, name, data)));
        return WspResult.pending();
    }

    private void run(ExtensionCall call, KitSocket s, SocketSlot slot, SockAddr name, ByteBuffer data) {
        WsaError error;
        int sent = 0;
        try {
            error = connect(call, s, name);
            while (error == null && data != null && data.hasRemaining()) {
                WspResult<Integer> n = s.send(new ByteBuffer[] {data}, 0, null);
                if (n.isOk()) {
                    sent += n.value();
                } else if (n.is(WsaError.WSAEWOULDBLOCK)) {
                    error = ExtensionWaits.writable(provider, call, s);
                } else {
                    error = KitAcceptEx.closed(n.error());
                }
            }
        } catch (RuntimeException e) {
            error = WsaError.WSASYSCALLFAILURE; // a provider that threw: the record still completes
        }
        s.core().extensionCalls().leave(call);
        if (!call.finish()) {
            return; // aborted: the record completed with WSA_OPERATION_ABORTED
        }
        if (error == null) {
            slot.awaitContext(ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT);
        }
        s.core().services().completer().complete(call.overlapped(), error, sent, 0, null);
    }

    private WsaError connect(ExtensionCall call, KitSocket s, SockAddr name) {
        WspResult<Void> r = s.connect(name);
        if (r.isOk()) {
            return null;
        }
        if (!r.is(WsaError.WSAEWOULDBLOCK)) {
            return KitAcceptEx.closed(r.error());
        }
        while (true) {
            WsaError e = ExtensionWaits.writable(provider, call, s);
            if (e != null) {
                return KitAcceptEx.closed(e);
            }
            if (s.getPeerName().isOk()) {
                return null;
            }
            WspResult<Integer> soError = s.getSockOpt(SocketOptions.SO_ERROR);
            if (!soError.isOk()) {
                return KitAcceptEx.closed(soError.error());
            }
            if (soError.value() != 0) {
                WsaError failed = WsaError.ofCode(soError.value());
                return failed == null ? WsaError.WSAECONNREFUSED : failed;
            }
        }
    }
}
