package io.jwsp.cli.netcat;

import io.jwsp.spi.io.ShutdownHow;

/** {@code --shutdown send|receive|both}: shutdown's {@code how}. */
public enum ShutdownDirection {
    SEND(ShutdownHow.SD_SEND),
    RECEIVE(ShutdownHow.SD_RECEIVE),
    BOTH(ShutdownHow.SD_BOTH);

    private final int how;

    ShutdownDirection(int how) {
        this.how = how;
    }

    public int how() {
        return how;
    }
}
