package io.jwsp.spi.kit.ext;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.ext.accept.AcceptEx;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.KitSocket;
import io.jwsp.spi.kit.wait.BlockingWait;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * AcceptEx for a provider on the kit, over the provider's own calls: its select waits for a connection, its accept
 * takes it (with a condition that defers it, leaving it for the next accept, once the call was aborted), an optional
 * recv takes the first bytes, getsockname/getpeername give the addresses. The call runs on a virtual thread of its
 * own and is registered with the listener and the accept socket: closing either, or CancelIo on the listener, ends
 * it with WSA_OPERATION_ABORTED. A connection the accept has taken is never lost to such an abort: the call
 * completes with it (the abort lost the race), or, aborted before the condition answered, leaves it queued. The
 * worker waits only in select: its accept never parks ({@link BlockingWait#NEVER_PARK}), even on a blocking listener.
 */
public final class KitAcceptEx implements AcceptEx {
    private final WspProvider provider;
    private final SockAddrLayout layout;

    public KitAcceptEx(WspProvider provider, SockAddrLayout layout) {
        this.provider = provider;
        this.layout = layout;
    }

    @Override
    public WspResult<Integer> acceptEx(WspSocket listenSocket, SocketSlot acceptSocket, ByteBuffer output,
                                       int receiveDataLength, int localAddressLength, int remoteAddressLength,
                                       Overlapped overlapped) {
        if (overlapped == null || acceptSocket == null
                || !AcceptExBuffer.fits(output, receiveDataLength, localAddressLength, remoteAddressLength)
                || output.isReadOnly()) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        if (!(listenSocket instanceof KitSocket listener) || !(acceptSocket.socket() instanceof KitSocket shell)) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }
        int family = listener.protocolInfo().addressFamily();
        int slot = layout.maxLength(family) + AcceptExBuffer.SLOT_OVERHEAD;
        if (localAddressLength < slot || remoteAddressLength < slot) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        WsaError refusal = refusal(listener, shell);
        if (refusal != null) {
            return WspResult.fail(refusal);
        }
        ExtensionCall call = new ExtensionCall(overlapped);
        if (!shell.core().extensionCalls().enterAlone(call)) {
            return WspResult.fail(WsaError.WSAEINVAL); // the accept socket is in another AcceptEx already
        }
        listener.core().extensionCalls().enter(call);
        Run run = new Run(call, listener, shell, acceptSocket, output, receiveDataLength, localAddressLength,
                remoteAddressLength);
        call.runOn(Thread.ofVirtual().name("jwsp AcceptEx").start(run::run));
        return WspResult.pending();
    }

    /** The listener listens; the accept socket is another, fresh one of the same kind (not bound, not connected). */
    private static WsaError refusal(KitSocket listener, KitSocket shell) {
        WspResult<Boolean> listening = listener.getSockOpt(SocketOptions.SO_ACCEPTCONN);
        if (!listening.isOk() || !listening.value()) {
            return WsaError.WSAEINVAL;
        }
        if (shell == listener || shell.protocolInfo().addressFamily() != listener.protocolInfo().addressFamily()
                || shell.protocolInfo().socketType() != listener.protocolInfo().socketType()) {
            return WsaError.WSAEINVAL;
        }
        // AcceptEx's page: the accept socket must be neither bound nor connected
        return shell.getPeerName().isOk() || shell.getSockName().isOk() ? WsaError.WSAEINVAL : null;
    }

    /** One call's worker. */
    private final class Run {
        private final ExtensionCall call;
        private final KitSocket listener;
        private final KitSocket shell;
        private final SocketSlot slot;
        private final ByteBuffer output;
        private final int receiveDataLength;
        private final int localAddressLength;
        private final int remoteAddressLength;

        Run(ExtensionCall call, KitSocket listener, KitSocket shell, SocketSlot slot, ByteBuffer output,
            int receiveDataLength, int localAddressLength, int remoteAddressLength) {
            this.call = call;
            this.listener = listener;
            this.shell = shell;
            this.slot = slot;
            this.output = output;
            this.receiveDataLength = receiveDataLength;
            this.localAddressLength = localAddressLength;
            this.remoteAddressLength = remoteAddressLength;
        }

        void run() {
            WspSocket connection = null;
            try {
                WspResult<WspSocket> accepted = acceptOne();
                if (!accepted.isOk()) {
                    end(null, accepted.error(), 0);
                    return;
                }
                connection = accepted.value();
                WspResult<Integer> received = receiveDataLength > 0 ? firstBytes(connection) : WspResult.ok(0);
                if (!received.isOk()) {
                    end(connection, received.error(), 0);
                    return;
                }
                WsaError e = writeAddresses(connection);
                end(connection, e, received.value());
            } catch (RuntimeException e) {
                end(connection, WsaError.WSASYSCALLFAILURE, 0); // a provider that threw: the record still completes
            }
        }

        private WspResult<WspSocket> acceptOne() {
            // an aborted call defers the connection to the next accept; a live one takes it, and from then on an
            // abort waits for the outcome (ExtensionCall.take): the connection is the call's or stays queued
            AcceptCondition stillWanted = caller -> call.take() ? AcceptCondition.CF_ACCEPT : AcceptCondition.CF_DEFER;
            while (true) {
                WsaError e = ExtensionWaits.readable(provider, call, listener);
                if (e != null) {
                    return WspResult.fail(closed(e));
                }
                // never parked in the accept (a connection another thread took since select): WSAEWOULDBLOCK
                // sends the worker back to its select, where an abort or a close ends it
                WspResult<Accepted> a = ScopedValue.where(BlockingWait.NEVER_PARK, true)
                        .call(() -> listener.accept(stillWanted));
                WsaError aborted = call.taken(a.isOk(), receiveDataLength > 0);
                if (aborted != null) {
                    closeQuietly(a.isOk() ? a.value().socket() : null);
                    return WspResult.fail(aborted);
                }
                if (a.isOk()) {
                    return WspResult.ok(a.value().socket());
                }
                if (!a.is(WsaError.WSAEWOULDBLOCK) && !a.is(WsaError.WSATRY_AGAIN)) {
                    return WspResult.fail(closed(a.error()));
                }
            }
        }

        private WspResult<Integer> firstBytes(WspSocket connection) {
            ByteBuffer into = output.slice(output.position(), receiveDataLength);
            while (true) {
                WsaError e = ExtensionWaits.readable(provider, call, connection);
                if (e != null) {
                    return WspResult.fail(e);
                }
                WspResult<Integer> n = connection.recv(new ByteBuffer[] {into}, 0, null);
                if (!n.is(WsaError.WSAEWOULDBLOCK)) {
                    return n;
                }
            }
        }

        private WsaError writeAddresses(WspSocket connection) {
            WspResult<SockAddr> local = connection.getSockName();
            WspResult<SockAddr> remote = connection.getPeerName();
            if (!local.isOk() || !remote.isOk()) {
                return local.isOk() ? remote.error() : local.error();
            }
            return AcceptExBuffer.write(output, receiveDataLength, localAddressLength, remoteAddressLength,
                    local.value(), remote.value(), layout);
        }

        /**
         * Ends the call: on success the handle names the connection (the shell closed), on failure the connection
         * is closed; unless an abort ended the call first, which completed the record already.
         */
        private void end(WspSocket connection, WsaError error, int bytes) {
            listener.core().extensionCalls().leave(call);
            shell.core().extensionCalls().leave(call);
            if (!call.finish()) {
                closeQuietly(connection);
                return;
            }
            if (error != null) {
                closeQuietly(connection);
            } else {
                slot.replace(connection);
                slot.awaitContext(ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT);
                if (!shell.closeSocket().isOk()) {
                    // the application closed the accept handle meanwhile: the connection has no handle left
                    closeQuietly(connection);
                }
            }
            listener.core().services().completer().complete(call.overlapped(), error, bytes, 0, null);
        }
    }

    /** A listener that closed under the call (WSAENOTSOCK, WSAEINTR) aborted it. */
    static WsaError closed(WsaError e) {
        return e == WsaError.WSAENOTSOCK || e == WsaError.WSAEINTR ? WsaError.WSA_OPERATION_ABORTED : e;
    }

    static void closeQuietly(WspSocket s) {
        if (s != null) {
            s.closeSocket();
        }
    }
}
