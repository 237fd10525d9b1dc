package io.jwsp.runtime.facade;

import io.jwsp.runtime.event.ThreadState;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;

/**
 * A blocking send or recv of one buffer as a call on the facade's one path, kept per thread and reused, so the hot
 * path allocates neither the one-element buffer array nor a capturing lambda. A thread's frame is lent to one call
 * at a time: a call the same thread makes while it is lent (a completion routine, a provider calling back in) gets a
 * fresh frame of its own, so no call ever sees its array changed under it, and no array is shared between threads.
 */
final class SingleBufferTransfer implements WinsockFacade.SocketCall<Integer> {
    private final ByteBuffer[] buffers = new ByteBuffer[1];
    private boolean sending;
    private int flags;
    private boolean lent;

    private SingleBufferTransfer() {
    }

    /** The thread's frame (a fresh one while it is lent), holding this call's arguments until {@link #giveBack}. */
    static SingleBufferTransfer lend(ThreadState st, boolean sending, ByteBuffer buffer, int flags) {
        SingleBufferTransfer t;
        if (st.callFrame() instanceof SingleBufferTransfer own) {
            t = own.lent ? new SingleBufferTransfer() : own;
        } else {
            t = new SingleBufferTransfer();
            st.callFrame(t);
        }
        t.lent = true;
        t.buffers[0] = buffer;
        t.sending = sending;
        t.flags = flags;
        return t;
    }

    /** Ends the call: the frame no longer holds the caller's buffer (no leak through a long-lived thread). */
    void giveBack() {
        buffers[0] = null;
        lent = false;
    }

    @Override
    public WspResult<Integer> on(OpenSocket socket) {
        return sending ? socket.socket().send(buffers, flags, null) : socket.socket().recv(buffers, flags, null);
    }
}
