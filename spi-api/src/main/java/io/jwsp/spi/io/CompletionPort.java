package io.jwsp.spi.io;

/** An I/O completion port, made by the runtime. Providers never post to it directly: see {@code Upcalls}. */
public interface CompletionPort {
    void post(CompletionPacket packet);
}
