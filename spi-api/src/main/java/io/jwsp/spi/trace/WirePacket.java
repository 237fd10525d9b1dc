package io.jwsp.spi.trace;

import java.util.Objects;

/**
 * One frame as bytes, the way a capture tool would have seen it on the medium: the link-layer header of
 * {@code link} first. A packet capture writes one interface per {@code medium}.
 *
 * @param timeNanos when, on the provider's clock (virtual or real)
 * @param medium    the medium's name, one capture interface each ("irda", "atm", "loopback", ...)
 * @param link      how the bytes are framed
 * @param bytes     the frame; the tap owns it once handed over
 */
public record WirePacket(long timeNanos, String medium, CaptureLink link, byte[] bytes) {
    public WirePacket {
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(bytes, "bytes");
    }
}
