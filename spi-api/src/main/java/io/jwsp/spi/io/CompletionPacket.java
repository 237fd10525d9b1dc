package io.jwsp.spi.io;

import io.jwsp.spi.result.WsaError;

/** What GetQueuedCompletionStatus dequeues: the association key, the operation and its result. */
public record CompletionPacket(long key, Overlapped overlapped, int bytesTransferred, WsaError error) {
}
