package io.jwsp.spi.ext;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.option.SockOpt;

/**
 * The application's handle on a socket, as an extension function that takes a socket to work on sees it (AcceptEx's
 * accept socket, ConnectEx's and DisconnectEx's socket): the provider socket the handle names now, and the way to
 * make it name another. AcceptEx gives the handle the connection it accepted; TF_REUSE_SOCKET gives it a fresh
 * socket. The runtime implements it; the handle keeps its value, its completion-port association and its shares.
 */
public interface SocketSlot {
    /** The provider socket the handle names now. */
    WspSocket socket();

    /**
     * Makes the handle name {@code replacement} from now on; the caller closes the socket it named before (nothing
     * else refers to it once the handle has moved on).
     */
    void replace(WspSocket replacement);

    /**
     * Until the application sets {@code contextOption} on the handle (SO_UPDATE_ACCEPT_CONTEXT after AcceptEx,
     * SO_UPDATE_CONNECT_CONTEXT after ConnectEx), getsockname, getpeername and shutdown on it answer WSAENOTCONN, as
     * the AcceptEx and ConnectEx pages say; {@code null}: the handle is an ordinary socket again.
     */
    void awaitContext(SockOpt<?> contextOption);
}
