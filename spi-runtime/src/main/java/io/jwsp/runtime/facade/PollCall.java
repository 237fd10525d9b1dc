package io.jwsp.runtime.facade;

import io.jwsp.runtime.Winsock.PollFd;
import io.jwsp.runtime.Winsock.Polled;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.io.PollFlags;
import io.jwsp.spi.io.PollRequest;
import io.jwsp.spi.result.WsaError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One WSAPoll call's handles, each looked up once. A handle that names no open socket (never issued, closed, or its
 * close under way) is not an error, as in WSAPoll: its entry answers POLLNVAL and the call does not wait. The live
 * ones go to their provider; one closed by another thread while the provider waits answers POLLNVAL too.
 */
final class PollCall {
    private final HandleTable handles;
    private final List<PollFd> fds;
    private final int[] revents;
    private final List<PollRequest> requests = new ArrayList<>();
    private final List<Integer> requestIndex = new ArrayList<>();
    private OpenSocket first;
    private WsaError refusal;

    private PollCall(HandleTable handles, List<PollFd> fds) {
        this.handles = handles;
        this.fds = fds;
        this.revents = new int[fds.size()];
    }

    /**
     * No array (or a {@code null} entry) is WSAEFAULT; an empty one, a bit outside {@link PollFlags#REQUESTABLE}, or
     * sockets of two providers WSAEINVAL.
     */
    static PollCall resolve(HandleTable handles, List<PollFd> fds) {
        if (fds == null) {
            return refused(handles, WsaError.WSAEFAULT);
        }
        if (fds.isEmpty()) {
            return refused(handles, WsaError.WSAEINVAL);
        }
        PollCall call = new PollCall(handles, new ArrayList<>(fds));
        for (int i = 0; i < call.fds.size() && call.refusal == null; i++) {
            call.refusal = call.add(i, call.fds.get(i));
        }
        return call;
    }

    private static PollCall refused(HandleTable handles, WsaError e) {
        PollCall call = new PollCall(handles, List.of());
        call.refusal = e;
        return call;
    }

    private WsaError add(int index, PollFd fd) {
        if (fd == null) {
            return WsaError.WSAEFAULT;
        }
        if ((fd.events() & ~PollFlags.REQUESTABLE) != 0) {
            return WsaError.WSAEINVAL;
        }
        HandleTable.Entry e = handles.lookup(fd.socket());
        if (e == null || e.socket().isClosing()) {
            revents[index] = PollFlags.POLLNVAL;
            return null;
        }
        OpenSocket o = e.socket();
        if (first == null) {
            first = o;
        } else if (first.dispatcher() != o.dispatcher()) {
            return WsaError.WSAEINVAL;
        }
        requests.add(new PollRequest(o.socket(), fd.events()));
        requestIndex.add(index);
        return null;
    }

    WsaError refusal() {
        return refusal;
    }

    /** Whether some entry already answers (POLLNVAL): then the provider is only polled, never waited on. */
    boolean anyReady() {
        return Arrays.stream(revents).anyMatch(r -> r != 0);
    }

    /** Whether any handle named an open socket; without one there is no provider to ask. */
    boolean hasSockets() {
        return first != null;
    }

    WspProvider provider() {
        return first.dispatcher();
    }

    String providerName() {
        return first.providerName();
    }

    List<PollRequest> requests() {
        return List.copyOf(requests);
    }

    /** The entries answered without a provider (all of them when {@link #hasSockets} is false). */
    Polled answerWithoutProvider() {
        return polled(revents.clone());
    }

    /**
     * The provider's answer in the caller's order, or {@code null} when it does not fit the request (a provider's
     * crash). A handle closed while the provider waited answers POLLNVAL.
     */
    Polled answer(int[] provided) {
        if (provided == null || provided.length != requests.size()) {
            return null;
        }
        int[] out = revents.clone();
        for (int i = 0; i < provided.length; i++) {
            int index = requestIndex.get(i);
            HandleTable.Entry e = handles.lookup(fds.get(index).socket());
            boolean closed = e == null || e.socket().isClosing();
            out[index] = closed ? PollFlags.POLLNVAL : provided[i];
        }
        return polled(out);
    }

    private static Polled polled(int[] revents) {
        return new Polled(Arrays.stream(revents).boxed().toList());
    }
}
