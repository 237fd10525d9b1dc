package io.jwsp.runtime.handle;

import io.jwsp.spi.io.Completion;
import io.jwsp.spi.option.SockOpt;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a socket gains only once an application uses a completion port or the extension functions on it: its port
 * association and the context option its AcceptEx / ConnectEx awaits. Made on first use, so an idle socket of a
 * million carries one null reference instead of these fields.
 */
final class SocketAssociations {
    private static final VarHandle COMPLETION_PORT;

    static {
        try {
            COMPLETION_PORT = MethodHandles.lookup().findVarHandle(SocketAssociations.class, "completionPort",
                    Completion.Port.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The completion port the socket is associated with (all its handles share it), or null; set by CAS. */
    private volatile Completion.Port completionPort;
    /** The option that completes an AcceptEx / ConnectEx on this handle; {@link #contextPending} until it is set. */
    private volatile SockOpt<?> contextOption;
    private volatile boolean contextPending;

    /** Associates the socket with {@code port}, once for good; false when it already is. */
    boolean associate(Completion.Port port) {
        return COMPLETION_PORT.compareAndSet(this, null, port);
    }

    Completion.Port completionPort() {
        return completionPort;
    }

    void awaitContext(SockOpt<?> option) {
        contextOption = option;
        contextPending = option != null;
    }

    boolean contextPending() {
        return contextPending;
    }

    boolean updateContext(SockOpt<?> option) {
        if (option == null || !option.equals(contextOption)) {
            return false;
        }
        contextPending = false;
        return true;
    }
}
