package io.jwsp.spi;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * One provider socket: the half of WSPPROC_TABLE whose calls take a SOCKET. The runtime maps application handles
 * to these objects (several handles may share one socket after duplication; the runtime calls
 * {@link #closeSocket} only for the last).
 *
 * <p>Buffers are NIO buffers: send consumes from each buffer's position, receive fills from it, and the positions
 * move by the bytes transferred. A {@code null} array or element is WSAEFAULT.
 *
 * <p>Overlapped calls pass an {@link Overlapped}; a provider answers {@link WspResult#pending()} and later finishes
 * it through {@link Upcalls#completeOverlapped}, or completes at once: then it still performs the completion
 * action and answers the success. With {@code null}, the call blocks or answers WSAEWOULDBLOCK by the socket's
 * mode.
 *
 * <p>Every operation but {@link #protocolInfo} and {@link #closeSocket} defaults to WSAEOPNOTSUPP.
 */
public interface WspSocket {
    /** The catalog entry this socket was made from. */
    ProtocolInfo protocolInfo();

    /**
     * WSPCloseSocket: the close/linger table ({@link io.jwsp.spi.close.CloseTable}). After success every call
     * answers WSAENOTSOCK; after WSAEWOULDBLOCK the socket is untouched.
     */
    WspResult<Void> closeSocket();

    default WspResult<Void> bind(SockAddr name) {
        return unsupported();
    }

    default WspResult<Void> listen(int backlog) {
        return unsupported();
    }

    /** WSPAccept, with an optional condition function ({@code null}: accept everything). */
    default WspResult<Accepted> accept(AcceptCondition condition) {
        return unsupported();
    }

    default WspResult<Void> connect(SockAddr name) {
        return unsupported();
    }

    default WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return unsupported();
    }

    /** WSPSendTo. On a connected socket the address is ignored, as Winsock says. */
    default WspResult<Integer> sendTo(ByteBuffer[] buffers, int flags, SockAddr to, Overlapped overlapped) {
        return send(buffers, flags, overlapped);
    }

    default WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        return unsupported();
    }

    default WspResult<Received> recvFrom(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        WspResult<Integer> r = recv(buffers, flags, overlapped);
        if (!r.isOk()) {
            return r.retype();
        }
        WspResult<SockAddr> peer = getPeerName();
        return WspResult.ok(new Received(r.value(), peer.isOk() ? peer.value() : null, 0));
    }

    /** WSPShutdown. An invalid {@code how} is WSAEINVAL. Never takes the linger path. */
    default WspResult<Void> shutdown(int how) {
        return unsupported();
    }

    /** WSPSetSockOpt. {@code null} where a value is needed is WSAEFAULT; an unknown option WSAENOPROTOOPT. */
    default <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        return WspResult.fail(WsaError.WSAENOPROTOOPT);
    }

    default <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        return WspResult.fail(WsaError.WSAENOPROTOOPT);
    }

    /** WSPIoctl; {@code overlapped} may be {@code null}. */
    default <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        return unsupported();
    }

    default WspResult<SockAddr> getSockName() {
        return unsupported();
    }

    default WspResult<SockAddr> getPeerName() {
        return unsupported();
    }

    /**
     * WSPEventSelect: records {@code networkEvents} (FD_* bits) and sets {@code event} when one occurs; makes the
     * socket nonblocking. A zero mask with a {@code null} event cancels.
     */
    default WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        return unsupported();
    }

    /** WSPEnumNetworkEvents: reads and clears the recorded events; resets {@code eventToReset} if given. */
    default WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return unsupported();
    }

    /**
     * WSPDuplicateSocket: a protocol info for process {@code processId} that the provider there turns back into this
     * socket ({@link WspProvider#adoptSocket}). Both share one connection: only the last descriptor's close ends it.
     * A provider that cannot reach that process answers WSAEINVAL; one that cannot duplicate at all, WSAEOPNOTSUPP.
     */
    default WspResult<DuplicateInfo> duplicateSocket(long processId) {
        return unsupported();
    }

    /**
     * WSPSendDisconnect: shutdown(SD_SEND), with disconnect data where the protocol has it (XP1_DISCONNECT_DATA).
     * The default, for a provider without disconnect data: data given (any bytes remaining) is WSAENOPROTOOPT, none
     * is {@link #shutdown}({@code SD_SEND}).
     */
    default WspResult<Void> sendDisconnect(ByteBuffer disconnectData) {
        if (disconnectData != null && disconnectData.hasRemaining()) {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        return shutdown(ShutdownHow.SD_SEND);
    }

    /**
     * WSPRecvDisconnect: shutdown(SD_RECEIVE), and the peer's disconnect data copied into {@code disconnectData}
     * where the protocol has it; answers the bytes copied. The default, for a provider without disconnect data: a
     * buffer given is WSAENOPROTOOPT, none is {@link #shutdown}({@code SD_RECEIVE}) answering 0.
     */
    default WspResult<Integer> recvDisconnect(ByteBuffer disconnectData) {
        if (disconnectData != null) {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        return shutdown(ShutdownHow.SD_RECEIVE).map(v -> 0);
    }

    /**
     * CancelIo / CancelIoEx on this socket: {@code overlapped}'s pending operation ({@code null}: every one of this
     * socket's) completes with WSA_OPERATION_ABORTED through its own completion path, without closing the socket; a
     * record with nothing pending is WSA_INVALID_PARAMETER. A provider on the kit answers
     * {@code core.cancelIo(overlapped)} ({@link io.jwsp.spi.kit.SocketCore#cancelIo}).
     */
    default WspResult<Void> cancelIo(Overlapped overlapped) {
        return unsupported();
    }

    /** WSPJoinLeaf: join a multipoint session. */
    default WspResult<WspSocket> joinLeaf(SockAddr name, int flags) {
        return unsupported();
    }

    private static <T> WspResult<T> unsupported() {
        return WspResult.fail(WsaError.WSAEOPNOTSUPP);
    }
}
