package io.jwsp.spi.io;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * WSPPoll built on what every provider already has: one {@link WspProvider#select} (so its waits, its clock and its
 * wake-up by a close are the provider's own), then each reported socket classified as WSAPoll reports it. A socket
 * found readable with nothing to read is, in order: closed under the call (WSAENOTSOCK: POLLNVAL), a listener with
 * a connection to accept (POLLRDNORM), or a connection whose peer ended it, told apart by a one-byte MSG_PEEK: 0 is the
 * graceful close (POLLHUP), a reset or abort is POLLHUP | POLLERR (a provider without MSG_PEEK is asked with an
 * empty receive instead). Every socket is in the except set, so a failed
 * connect is seen as POLLERR whatever was asked.
 *
 * <p>The peek only runs when select said readable and FIONREAD answered 0 (a FIONREAD error is classified as is,
 * so a closed socket is never peeked at): a state that stays (an end or an error),
 * unless another thread reads the same socket between the two; a blocking socket would then wait in the peek until
 * data, a close or a cancel (the call is the thread's blocking call) ends it.
 */
public final class PollOverSelect {
    private PollOverSelect() {
    }

    /** Answers one revents per request, in order; the same socket asked twice is answered twice. */
    public static WspResult<int[]> poll(WspProvider provider, List<PollRequest> requests, long timeoutNanos) {
        if (requests == null || requests.isEmpty()) {
            return WspResult.fail(WsaError.WSAEINVAL);
        }
        Set<WspSocket> read = identitySet();
        Set<WspSocket> write = identitySet();
        Set<WspSocket> all = identitySet();
        for (PollRequest r : requests) {
            if (r == null || r.socket() == null) {
                return WspResult.fail(WsaError.WSAEFAULT);
            }
            all.add(r.socket());
            if ((r.events() & PollFlags.POLLIN) != 0) {
                read.add(r.socket());
            }
            if ((r.events() & PollFlags.POLLOUT) != 0) {
                write.add(r.socket());
            }
        }
        WspResult<SelectSets> selected = provider.select(
                new SelectSets(new ArrayList<>(read), new ArrayList<>(write), new ArrayList<>(all)), timeoutNanos);
        if (selected == null || !selected.isOk() || selected.value() == null) {
            return selected == null || selected.isOk() ? WspResult.fail(WsaError.WSASYSCALLFAILURE)
                    : selected.retype();
        }
        SelectSets ready = selected.value();
        Set<WspSocket> readable = identitySet(ready.read());
        Set<WspSocket> writable = identitySet(ready.write());
        Set<WspSocket> failed = identitySet(ready.except());
        IdentityHashMap<WspSocket, Integer> states = new IdentityHashMap<>();
        int[] revents = new int[requests.size()];
        for (int i = 0; i < revents.length; i++) {
            PollRequest r = requests.get(i);
            WspSocket s = r.socket();
            int state = readable.contains(s) ? states.computeIfAbsent(s, PollOverSelect::readState) : 0;
            if ((state & PollFlags.POLLNVAL) != 0) {
                revents[i] = PollFlags.POLLNVAL;
                continue;
            }
            int bits = state & (PollFlags.POLLHUP | PollFlags.POLLERR) | (state & r.events());
            if (writable.contains(s) && (state & PollFlags.POLLHUP) == 0) {
                bits |= r.events() & PollFlags.POLLOUT;
            }
            if (failed.contains(s)) {
                bits |= PollFlags.POLLERR;
            }
            revents[i] = bits;
        }
        return WspResult.ok(revents);
    }

    /** What a socket select found readable holds: POLLRDNORM, POLLHUP (| POLLERR), POLLNVAL, or 0 (raced away). */
    private static int readState(WspSocket s) {
        WspResult<Integer> queued = s.ioctl(IoControls.FIONREAD, null, null);
        if (queued == null || queued.isPending()) {
            return PollFlags.POLLRDNORM; // readable as select said; recv tells the rest
        }
        if (queued.isFailed()) {
            return errorState(queued.error());
        }
        if (queued.value() != null && queued.value() > 0) {
            return PollFlags.POLLRDNORM;
        }
        WspResult<Boolean> listening = s.getSockOpt(SocketOptions.SO_ACCEPTCONN);
        if (listening != null && listening.isOk() && Boolean.TRUE.equals(listening.value())) {
            return PollFlags.POLLRDNORM;
        }
        if (s.protocolInfo().hasService(ServiceFlags.XP1_CONNECTIONLESS)) {
            return PollFlags.POLLRDNORM; // a datagram, an empty one too: recv answers it
        }
        WspResult<Integer> peek = s.recv(new ByteBuffer[] {ByteBuffer.allocate(1)}, MsgFlags.MSG_PEEK, null);
        if (peek != null && peek.is(WsaError.WSAEOPNOTSUPP)) {
            // A provider that cannot peek: an empty receive takes nothing and still answers the end or the error.
            peek = s.recv(new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, null);
        }
        if (peek == null) {
            return PollFlags.POLLERR;
        }
        if (peek.isOk()) {
            return peek.value() != null && peek.value() == 0 ? PollFlags.POLLHUP : PollFlags.POLLRDNORM;
        }
        if (peek.isPending()) {
            return 0;
        }
        return errorState(peek.error());
    }

    /** What an error answered while classifying a readable socket means. */
    private static int errorState(WsaError error) {
        return switch (error) {
            case WSAENOTSOCK -> PollFlags.POLLNVAL;
            case WSAEWOULDBLOCK -> 0;
            case WSAEDISCON -> PollFlags.POLLHUP; // a message-oriented peer's graceful end
            case WSAECONNRESET, WSAECONNABORTED, WSAENETRESET, WSAETIMEDOUT -> PollFlags.POLLHUP | PollFlags.POLLERR;
            // A provider that cannot answer (no FIONREAD, no peek): readable as select said; recv tells the rest.
            default -> PollFlags.POLLRDNORM;
        };
    }

    private static Set<WspSocket> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static Set<WspSocket> identitySet(List<WspSocket> sockets) {
        Set<WspSocket> set = identitySet();
        set.addAll(sockets);
        return set;
    }
}
