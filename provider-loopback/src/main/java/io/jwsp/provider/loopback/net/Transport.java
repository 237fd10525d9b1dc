package io.jwsp.provider.loopback.net;

/** The two port spaces of the loopback address space: stream ports and datagram ports never collide. */
public enum Transport {
    STREAM,
    DATAGRAM
}
