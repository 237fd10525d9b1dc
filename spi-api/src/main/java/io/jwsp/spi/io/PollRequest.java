package io.jwsp.spi.io;

import io.jwsp.spi.WspSocket;

/** One WSAPOLLFD as a provider sees it: a socket of this provider and the {@link PollFlags} asked for. */
public record PollRequest(WspSocket socket, int events) {
}
