package io.jwsp.runtime.event;

import io.jwsp.spi.event.WspEvent;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A manual-reset event object (WSAEVENT) of one runtime: it stays set until reset, and setting it wakes every
 * thread waiting on it through {@link EventWaits}.
 */
public final class RuntimeEvent implements WspEvent {
    private final Object owner;
    private final CopyOnWriteArrayList<Waiter> waiters = new CopyOnWriteArrayList<>();
    private volatile boolean signalled;

    RuntimeEvent(Object owner) {
        this.owner = owner;
    }

    boolean ownedBy(Object runtime) {
        return owner == runtime;
    }

    @Override
    public void set() {
        signalled = true;
        for (Waiter w : waiters) {
            w.wake();
        }
    }

    @Override
    public void reset() {
        signalled = false;
    }

    @Override
    public boolean isSet() {
        return signalled;
    }

    void add(Waiter w) {
        waiters.add(w);
    }

    void remove(Waiter w) {
        waiters.remove(w);
    }

    @Override
    public String toString() {
        return "WspEvent[" + (signalled ? "set" : "unset") + "]";
    }
}
