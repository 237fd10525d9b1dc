package io.jwsp.bridge;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectionKey;

/** A registration of a bridge channel with a {@link JwspSelector}. */
final class JwspSelectionKey extends AbstractSelectionKey {
    private final SelectableChannel channel;
    private final JwspSelector selector;
    private volatile int interestOps;
    private volatile int readyOps;

    JwspSelectionKey(SelectableChannel channel, JwspSelector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    @Override
    public SelectableChannel channel() {
        return channel;
    }

    @Override
    public Selector selector() {
        return selector;
    }

    BridgedChannel bridged() {
        return (BridgedChannel) channel;
    }

    @Override
    public int interestOps() {
        ensureValid();
        return interestOps;
    }

    @Override
    public JwspSelectionKey interestOps(int ops) {
        ensureValid();
        if ((ops & ~channel.validOps()) != 0) {
            throw new IllegalArgumentException("invalid ops " + ops);
        }
        interestOps = ops;
        selector.interestChanged();
        return this;
    }

    int interestOpsUnchecked() {
        return interestOps;
    }

    @Override
    public int readyOps() {
        ensureValid();
        return readyOps;
    }

    void readyOps(int ops) {
        readyOps = ops;
    }

    private void ensureValid() {
        if (!isValid()) {
            throw new CancelledKeyException();
        }
    }
}
