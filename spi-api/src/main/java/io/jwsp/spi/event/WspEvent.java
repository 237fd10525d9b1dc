package io.jwsp.spi.event;

/**
 * A manual-reset event object (WSAEVENT), made by the runtime ({@code Upcalls.createEvent}). Providers set it;
 * applications wait on it through the runtime, whose waits follow the runtime's time source.
 */
public interface WspEvent {
    void set();

    void reset();

    boolean isSet();
}
