package io.jwsp.spi.kit.closing;

import io.jwsp.spi.option.Linger;

/**
 * What {@link io.jwsp.spi.close.CloseTable#decide} needs, read by the provider under the socket's lock at the start
 * of closesocket.
 *
 * @param linger       SO_LINGER with SO_DONTLINGER applied
 * @param nonBlocking  FIONBIO or event select
 * @param dataQueued   data the peer has not had yet (unsent, or unacknowledged)
 * @param sendShutDown shutdown(SD_SEND or SD_BOTH) already initiated the closure
 */
public record CloseFacts(Linger linger, boolean nonBlocking, boolean dataQueued, boolean sendShutDown) {
}
