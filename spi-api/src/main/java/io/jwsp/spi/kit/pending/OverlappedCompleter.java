package io.jwsp.spi.kit.pending;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;

/**
 * Where a provider finishes an overlapped operation: in the end always {@code Upcalls.completeOverlapped}, perhaps
 * after the provider's own bookkeeping. Never called with a socket lock held ({@link DeferredCompletions}).
 */
@FunctionalInterface
public interface OverlappedCompleter {
    void complete(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from);
}
