package io.jwsp.spi.kit;

import io.jwsp.spi.WspSocket;

/**
 * A provider socket built on the kit, which lets the kit's shared operations reach its {@link SocketCore}: the
 * extension functions ({@code io.jwsp.spi.kit.ext}) register their pending calls there, so CancelIo and closesocket
 * find them.
 */
public interface KitSocket extends WspSocket {
    SocketCore core();
}
