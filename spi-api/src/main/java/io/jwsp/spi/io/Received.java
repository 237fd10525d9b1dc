package io.jwsp.spi.io;

import io.jwsp.spi.addr.SockAddr;

/** recvFrom's answer: the bytes read, the source address, and the MSG_* flags out (MSG_PARTIAL). */
public record Received(int bytes, SockAddr from, int flags) {
}
