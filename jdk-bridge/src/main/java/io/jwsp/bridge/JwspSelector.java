package io.jwsp.bridge;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.event.WspEvent;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.IllegalSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.time.Duration;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link java.nio.channels.Selector} that waits on the provider's own event machinery: every registered socket is
 * event-selected (WSAEventSelect) onto one event object, and a select waits on that event through the runtime's
 * clock. No thread per channel. Readiness is level-style: an FD_* event marks a channel ready, an operation that
 * answers WSAEWOULDBLOCK marks it not ready, so a select reports what JDK code expects from a level-triggered
 * selector.
 */
public final class JwspSelector extends AbstractSelector {
    private final Winsock winsock;
    private final io.jwsp.spi.time.TimeSource clock;
    private final WspEvent event;
    private final Set<SelectionKey> keys = ConcurrentHashMap.newKeySet();
    private final Set<SelectionKey> publicKeys = Collections.unmodifiableSet(keys);
    private final Set<SelectionKey> selected = new HashSet<>();
    private final Set<SelectionKey> publicSelected = new UngrowableSet(selected);
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean selecting;

    JwspSelector(JwspSelectorProvider provider, Winsock winsock, io.jwsp.spi.time.TimeSource clock) {
        super(provider);
        this.winsock = winsock;
        this.clock = clock;
        this.event = winsock.createEvent();
    }

    @Override
    protected void implCloseSelector() throws IOException {
        wakeup();
        synchronized (this) {
            for (SelectionKey k : keys) {
                ((JwspSelectionKey) k).bridged().handle().selectEvents(null);
                deregister((JwspSelectionKey) k);
            }
            keys.clear();
            selected.clear();
        }
    }

    @Override
    protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
        if (!(ch instanceof BridgedChannel bridged) || ch.provider() != provider()) {
            throw new IllegalSelectorException();
        }
        BridgedHandle h = bridged.handle();
        synchronized (h) {
            // Winsock associates a socket with one event object at a time: one selector per channel.
            for (SelectionKey k : keys) {
                if (k.channel() == ch && k.isValid()) {
                    throw new IllegalSelectorException();
                }
            }
            JwspSelectionKey key = new JwspSelectionKey(ch, this);
            key.attach(att);
            key.interestOps(ops);
            keys.add(key);
            h.selectEvents(event);
            // Data or a connection may have arrived before the registration: asked, not assumed, since a channel
            // reported readable without data makes Netty fire an empty read (and auto-read tests fail).
            h.probeReadiness();
            return key;
        }
    }

    @Override
    public Set<SelectionKey> keys() {
        ensureOpen();
        return publicKeys;
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        ensureOpen();
        return publicSelected;
    }

    @Override
    public int selectNow() throws IOException {
        return doSelect(0);
    }

    @Override
    public int select(long timeout) throws IOException {
        if (timeout < 0) {
            throw new IllegalArgumentException("Negative timeout");
        }
        return doSelect(timeout == 0 ? -1 : timeout * 1_000_000L);
    }

    @Override
    public int select() throws IOException {
        return doSelect(-1);
    }

    @Override
    public JwspSelector wakeup() {
        wakeupPending.set(true);
        event.set();
        return this;
    }

    void interestChanged() {
        if (selecting) {
            event.set(); // re-evaluate inside the running select; it does not return for this alone
        }
    }

    /** @param timeoutNanos -1 forever, 0 poll */
    private int doSelect(long timeoutNanos) throws IOException {
        ensureOpen();
        synchronized (this) {
            synchronized (publicSelected) {
                long deadline = timeoutNanos > 0 ? clock.nanoTime() + timeoutNanos : 0;
                try {
                    begin();
                    selecting = true;
                    while (true) {
                        processCancelled();
                        if (timeoutNanos != 0) {
                            event.reset();
                        }
                        int n = updateSelected();
                        // As the JDK's selectors: a select returns once a registered channel is ready, even when
                        // its key was already selected with the same ready set (and the count is then 0).
                        if (n > 0 || anyReady || timeoutNanos == 0 || wakeupPending.getAndSet(false)
                                || Thread.currentThread().isInterrupted() || !isOpen()) {
                            return n;
                        }
                        Duration wait = null;
                        if (timeoutNanos > 0) {
                            long left = deadline - clock.nanoTime();
                            if (left <= 0) {
                                return 0;
                            }
                            wait = Duration.ofNanos(left);
                        }
                        winsock.waitForMultipleEvents(List.of(event), false, wait, false);
                    }
                } finally {
                    selecting = false;
                    end();
                }
            }
        }
    }

    /** Set by {@link #updateSelected}: whether any valid key's channel is ready for an operation of interest. */
    private boolean anyReady;

    private int updateSelected() {
        int n = 0;
        anyReady = false;
        for (SelectionKey k : keys) {
            JwspSelectionKey key = (JwspSelectionKey) k;
            if (!key.isValid()) {
                continue;
            }
            BridgedChannel ch = key.bridged();
            ch.handle().pollEvents();
            int ready = ch.readyOps() & key.interestOpsUnchecked();
            if (ready == 0) {
                continue;
            }
            anyReady = true;
            if (selected.add(key)) {
                key.readyOps(ready);
                n++;
            } else {
                int old = key.readyOps();
                if ((old | ready) != old) {
                    key.readyOps(old | ready);
                    n++;
                }
            }
        }
        return n;
    }

    private void processCancelled() {
        Set<SelectionKey> cancelled = cancelledKeys();
        synchronized (cancelled) {
            for (SelectionKey k : cancelled) {
                JwspSelectionKey key = (JwspSelectionKey) k;
                keys.remove(key);
                selected.remove(key);
                if (key.channel().isOpen()) {
                    key.bridged().handle().selectEvents(null);
                }
                deregister(key);
            }
            cancelled.clear();
        }
    }

    private void ensureOpen() {
        if (!isOpen()) {
            throw new ClosedSelectorException();
        }
    }

    /** The selected-key set: JDK code removes from it; adding is not allowed. */
    private static final class UngrowableSet extends AbstractSet<SelectionKey> {
        private final Set<SelectionKey> inner;

        UngrowableSet(Set<SelectionKey> inner) {
            this.inner = inner;
        }

        @Override
        public Iterator<SelectionKey> iterator() {
            return inner.iterator();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public boolean contains(Object o) {
            return inner.contains(o);
        }

        @Override
        public boolean remove(Object o) {
            return inner.remove(o);
        }

        @Override
        public void clear() {
            inner.clear();
        }

        @Override
        public boolean add(SelectionKey k) {
            throw new UnsupportedOperationException();
        }
    }
}
