package io.jwsp.reliability.badinput;

/**
 * One contract call with its arguments, as a value: a property draws lists of these, QuickTheories shrinks them, and a
 * failing minimal list prints as the calls it makes. Handles are {@link HandleRef}s resolved when the step runs.
 */
sealed interface Step {
    /** socket() of the medium's stream entry, made nonblocking at once so no later call can wait forever. */
    record Socket() implements Step { }

    /** A listener and a connected pair over it (three handles, all nonblocking): reaches connected states often. */
    record ConnectedPair() implements Step { }

    record Close(HandleRef s) implements Step { }

    record Duplicate(HandleRef s) implements Step { }

    record Bind(HandleRef s, Address to) implements Step { }

    record Listen(HandleRef s, int backlog) implements Step { }

    record Accept(HandleRef s) implements Step { }

    record Connect(HandleRef s, Address to) implements Step { }

    record Send(HandleRef s, Buffer buffer, int flags) implements Step { }

    record Recv(HandleRef s, Buffer buffer, int flags) implements Step { }

    record Shutdown(HandleRef s, int how) implements Step { }

    /** setsockopt with a raw optval: level, optname, the buffer and optlen are all drawn. */
    record SetOptRaw(HandleRef s, int level, int optname, RawValue value, int optlen) implements Step { }

    record GetOptRaw(HandleRef s, int level, int optname, RawValue value, int optlen) implements Step { }

    record SetLinger(HandleRef s, boolean onOff, int seconds) implements Step { }

    record GetSockName(HandleRef s) implements Step { }

    record GetPeerName(HandleRef s) implements Step { }

    record BytesReadable(HandleRef s) implements Step { }

    /** Which handle a step uses: the n-th issued so far (live or closed), or a value never issued. */
    sealed interface HandleRef {
        record Issued(int index) implements HandleRef { }

        record Invented(long value) implements HandleRef { }
    }

    enum Address { NULL, LISTEN_ADDRESS, NAME_OF_ANOTHER_SOCKET, FOREIGN_FAMILY, NOBODY_THERE }

    enum Buffer { NULL, EMPTY, SMALL, LARGE, READ_ONLY, DIRECT }

    /** A raw option buffer: null, or a byte array of the given size. */
    record RawValue(boolean isNull, int size) {
        @Override
        public String toString() {
            return isNull ? "null" : "byte[" + size + "]";
        }
    }
}
