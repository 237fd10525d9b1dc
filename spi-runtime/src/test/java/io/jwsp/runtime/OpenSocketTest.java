package io.jwsp.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.CompletionPort;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An open socket's state made on first use (the completion-port association, the context an AcceptEx / ConnectEx
 * awaits) behaves as when it was fields of every socket, and accept's sockets share their listener's origin.
 */
class OpenSocketTest {
    private static WspSocket providerSocket() {
        return new FakeProviderFactory("x", 1).entry("e", 2, 1, 6, true).create(null).socket(null, 0, 0, 0, 0)
                .value();
    }

    private final OpenSocket socket = new OpenSocket(providerSocket(), null, "x", Map.of());

    @Test
    void aSocketIsAssociatedWithOnePortForGood_andItsAcceptedSocketsWithNone() {
        CompletionPort port = packet -> { };
        Completion.Port first = new Completion.Port(port, 1);
        assertNull(socket.completionPort());

        assertTrue(socket.associate(first));
        assertFalse(socket.associate(new Completion.Port(port, 2)), "associated once, for good");
        OpenSocket accepted = socket.accepted(providerSocket());

        assertSame(first, socket.completionPort());
        assertNull(accepted.completionPort(), "not the sockets accept makes from it");
        assertSame(socket.origin(), accepted.origin(), "same provider instance, option table and catalog entry");
    }

    @Test
    void theContextAnAcceptExAwaits_isPendingUntilItsOptionIsSet_andSettingItAgainIsHarmless() {
        assertFalse(socket.contextPending());
        assertFalse(socket.updateContext(ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT), "nothing awaited it");
        socket.awaitContext(null); // DisconnectEx on a socket that never awaited one: nothing to clear

        socket.awaitContext(ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT);
        assertTrue(socket.contextPending());
        assertFalse(socket.updateContext(ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT), "not the option it awaits");
        assertTrue(socket.contextPending());
        assertTrue(socket.updateContext(ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT));
        assertFalse(socket.contextPending());
        assertTrue(socket.updateContext(ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT), "again: harmless");

        socket.awaitContext(ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT);
        socket.awaitContext(null); // DisconnectEx: the socket is fresh again
        assertFalse(socket.contextPending());
        assertFalse(socket.updateContext(ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT));
    }
}
