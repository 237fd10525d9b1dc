package io.jwsp.spi;

import java.util.Objects;

/** Whether a provider can run here, and if not, why (Netty's {@code Epoll.unavailabilityCause()}). */
public record Availability(boolean available, String reason) {
    public static final Availability AVAILABLE = new Availability(true, "");

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
