package io.jwsp.spi;

/** WSPDATA / WSADATA, the part that matters: the version agreed and the highest the callee supports. */
public record StartupReply(WsaVersion version, WsaVersion highVersion) {
}
