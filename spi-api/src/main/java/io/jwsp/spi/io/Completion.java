package io.jwsp.spi.io;

import io.jwsp.spi.event.WspEvent;
import java.util.Objects;

/** Where an overlapped operation's completion goes: an event, a completion routine, a completion port, or nowhere. */
public sealed interface Completion {
    /** The event is set; the result is read with getOverlappedResult. */
    record Event(WspEvent event) implements Completion {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The routine is queued as an APC to the issuing thread. */
    record Routine(CompletionRoutine routine) implements Completion {
        public Routine {
            Objects.requireNonNull(routine, "routine");
        }
    }

    /** A packet with {@code key} is posted to the port. */
    record Port(CompletionPort port, long key) implements Completion {
        public Port {
            Objects.requireNonNull(port, "port");
        }
    }

    /** Nothing is signalled; the application polls getOverlappedResult. */
    record Polled() implements Completion {
    }
}
