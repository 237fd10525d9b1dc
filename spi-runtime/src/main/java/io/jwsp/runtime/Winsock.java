package io.jwsp.runtime;

import io.jwsp.runtime.ext.WinsockExtension;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The Winsock-style application API of one runtime (the ws2_32 role). Handles are opaque {@code long} values,
 * generation-tagged: a stale handle, or one this runtime never issued, answers WSAENOTSOCK every time, before any
 * other argument is looked at; so does a handle from the moment closesocket of its socket's last handle begins. Every call answers a {@link WspResult} and also records its error as this thread's
 * last error ({@link #lastError()}), as WSAGetLastError does. Before the first {@link #startup} and after the last
 * {@link #cleanup}, every call answers WSANOTINITIALISED.
 */
public interface Winsock {
    /** INVALID_SOCKET. */
    long INVALID_SOCKET = -1L;

    // ---- startup and catalog

    /** WSAStartup: counts; WSAVERNOTSUPPORTED when versions do not overlap (nothing is counted then). */
    WspResult<StartupReply> startup(WsaVersion requested);

    /** WSACleanup: the last one closes every socket still open and cleans up every provider started. */
    WspResult<Void> cleanup();

    /** WSAEnumProtocols: the visible entries in catalog order (hidden layer entries left out). */
    WspResult<List<ProtocolInfo>> enumProtocols();

    /** WSAGetLastError for the calling thread; {@code null} when the last call succeeded. */
    WsaError lastError();

    /** WSASetLastError. */
    void setLastError(WsaError error);

    // ---- socket lifetime

    /** socket(): the first catalog entry that matches; the closest mismatch is reported otherwise. */
    WspResult<Long> socket(int addressFamily, int socketType, int protocol);

    /** WSASocket with an explicit catalog entry ({@code info} may be {@code null}: then as {@link #socket}). */
    WspResult<Long> socket(int addressFamily, int socketType, int protocol, ProtocolInfo info, int flags);

    /** closesocket: releases the handle; the last handle of a socket closes it through the provider. */
    WspResult<Void> closeSocket(long s);

    /** A second handle to the same socket, in this process (WSADuplicateSocket + WSASocket, collapsed). */
    WspResult<Long> duplicateSocket(long s);

    WspResult<Void> shutdown(long s, int how);

    /**
     * WSASendDisconnect: shutdown(SD_SEND), with disconnect data where the protocol has it (XP1_DISCONNECT_DATA;
     * otherwise data given is WSAENOPROTOOPT). {@code null}: no data.
     */
    WspResult<Void> sendDisconnect(long s, ByteBuffer disconnectData);

    /**
     * WSARecvDisconnect: shutdown(SD_RECEIVE), and the peer's disconnect data written into {@code disconnectData}
     * from its position where the protocol has it (otherwise a buffer given is WSAENOPROTOOPT); answers the bytes
     * written. {@code null}: no data wanted; a read-only buffer is WSAEFAULT.
     */
    WspResult<Integer> recvDisconnect(long s, ByteBuffer disconnectData);

    // ---- naming and connection

    WspResult<Void> bind(long s, SockAddr name);

    WspResult<Void> listen(long s, int backlog);

    /** accept(): the new socket's handle; {@link #getPeerName} gives the peer. */
    WspResult<Long> accept(long s);

    /** WSAAccept with a condition function. */
    WspResult<Long> accept(long s, AcceptCondition condition);

    WspResult<Void> connect(long s, SockAddr name);

    WspResult<SockAddr> getSockName(long s);

    WspResult<SockAddr> getPeerName(long s);

    // ---- data

    /** send(): from the buffer's position; the position moves by the bytes sent. */
    WspResult<Integer> send(long s, ByteBuffer buffer, int flags);

    /** recv(): into the buffer from its position; 0 at the end of the stream. */
    WspResult<Integer> recv(long s, ByteBuffer buffer, int flags);

    WspResult<Integer> sendTo(long s, ByteBuffer buffer, int flags, SockAddr to);

    WspResult<Received> recvFrom(long s, ByteBuffer buffer, int flags);

    /** WSASend: gather, optionally overlapped ({@code overlapped} {@code null}: blocking or nonblocking). */
    WspResult<Integer> wsaSend(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped);

    /** WSARecv: scatter, optionally overlapped. */
    WspResult<Integer> wsaRecv(long s, ByteBuffer[] buffers, int flags, Overlapped overlapped);

    /**
     * CancelIo: every overlapped operation pending on {@code s} completes with WSA_OPERATION_ABORTED (through its
     * event, routine or port); the socket stays open. WSAEOPNOTSUPP where the provider cannot cancel.
     */
    WspResult<Void> cancelIo(long s);

    /**
     * CancelIoEx: {@code overlapped}'s operation on {@code s} only; WSA_INVALID_PARAMETER (Windows' ERROR_NOT_FOUND)
     * when it is not pending there.
     */
    WspResult<Void> cancelIoEx(long s, Overlapped overlapped);

    /** WSAGetOverlappedResult: the operation's bytes, or its error; WSA_IO_INCOMPLETE while pending and not waiting. */
    WspResult<Integer> getOverlappedResult(long s, Overlapped overlapped, boolean wait);

    // ---- options and control

    <T> WspResult<Void> setSockOpt(long s, SockOpt<T> option, T value);

    <T> WspResult<T> getSockOpt(long s, SockOpt<T> option);

    /**
     * setsockopt with a raw {@code optval}: {@code null} or shorter than the option's size is WSAEFAULT; an
     * unknown option WSAENOPROTOOPT.
     */
    WspResult<Void> setSockOpt(long s, int level, int optname, byte[] optval, int optlen);

    /** getsockopt with a raw buffer: answers the length written. */
    WspResult<Integer> getSockOpt(long s, int level, int optname, byte[] optval, int optlen);

    /**
     * ioctlsocket / WSAIoctl. {@code SIO_GET_EXTENSION_FUNCTION_POINTER} answers what {@link #extensionFunction}
     * does.
     */
    <I, O> WspResult<O> ioctl(long s, IoControl<I, O> code, I input);

    /**
     * WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER): the socket's provider answers (WSPIoctl) with its function for
     * {@code extension}'s GUID, which the facade hands out as a function object taking handles, bound to that
     * provider. A GUID the provider does not offer is WSAEINVAL (its catalog entry does not list it either).
     */
    <A extends ExtensionFunction> WspResult<A> extensionFunction(long s, WinsockExtension<A> extension);

    // ---- readiness and events

    /**
     * select(): the ready subsets of the given handles (all from one provider); {@code null} timeout waits forever.
     * Each handle is looked up once: one closed before the call (or whose close is under way) is WSAENOTSOCK; one
     * closed by another thread while select waits wakes it and is reported under its handle as the provider
     * answers (readable when asked for reading). select never throws for a racing close.
     */
    WspResult<Ready> select(Set<Long> read, Set<Long> write, Set<Long> except, Duration timeout);

    /** The answer of {@link #select}. */
    record Ready(Set<Long> read, Set<Long> write, Set<Long> except) {
        public int count() {
            return read.size() + write.size() + except.size();
        }
    }

    /**
     * WSAPoll: one revents per entry, in order ({@link io.jwsp.spi.io.PollFlags}); {@code null} timeout waits
     * forever, zero polls. A handle that names no open socket answers POLLNVAL (the call then does not wait), as does
     * one closed by another thread while the call waits: the close wakes it. A peer's graceful close is POLLHUP, a
     * reset POLLHUP | POLLERR, a listener with a connection to accept POLLRDNORM; POLLHUP, POLLERR and POLLNVAL are
     * reported whether asked or not. No entries, a bit other than POLLRDNORM, POLLRDBAND and POLLWRNORM asked, or
     * sockets of two providers is WSAEINVAL.
     */
    WspResult<Polled> poll(List<PollFd> fds, Duration timeout);

    /** One WSAPOLLFD: a handle and the events asked for. */
    record PollFd(long socket, int events) {
    }

    /** WSAPoll's answer: each entry's revents, in the order asked. */
    record Polled(List<Integer> revents) {
        public Polled {
            revents = List.copyOf(revents);
        }

        /** WSAPoll's return value: the entries with any revents. */
        public int count() {
            return (int) revents.stream().filter(r -> r != 0).count();
        }
    }

    /** WSACreateEvent: a manual-reset event, unset. */
    WspEvent createEvent();

    /** WSAEventSelect. */
    WspResult<Void> eventSelect(long s, WspEvent event, int networkEvents);

    /** WSAEnumNetworkEvents. */
    WspResult<NetworkEvents> enumNetworkEvents(long s, WspEvent eventToReset);

    /**
     * WSAWaitForMultipleEvents: the index of a signalled event, {@link #WAIT_TIMEOUT}, or
     * {@link #WAIT_IO_COMPLETION} when an alertable wait ran completion routines. {@code null} timeout: forever.
     */
    WspResult<Integer> waitForMultipleEvents(List<WspEvent> events, boolean waitAll, Duration timeout,
                                             boolean alertable);

    int WAIT_TIMEOUT = 0x102;
    int WAIT_IO_COMPLETION = 0xC0;

    /** SleepEx: sleeps on the runtime's clock; alertable sleeps run queued completion routines and end early. */
    WspResult<Integer> sleep(Duration duration, boolean alertable);

    /** CreateIoCompletionPort (a new port). */
    CompletionPort createCompletionPort();

    /**
     * CreateIoCompletionPort(socket, port, key): from now on every overlapped operation on {@code s} (any of its
     * handles) whose record has no event and no routine ({@link Overlapped#polled()}) completes to {@code port}
     * with {@code key}. A socket is associated once: again, or with a port of another runtime (or none), is
     * WSAEINVAL. A socket accept makes is not associated.
     */
    WspResult<Void> associateCompletionPort(long s, CompletionPort port, long key);

    /** GetQueuedCompletionStatus: WAIT_TIMEOUT's error WSAETIMEDOUT when nothing arrives in time. */
    WspResult<CompletionPacket> getQueuedCompletionStatus(CompletionPort port, Duration timeout);

    /** WSACancelBlockingCall: cancels the blocking call the calling thread is in (from a completion routine). */
    WspResult<Void> cancelBlockingCall();
}
