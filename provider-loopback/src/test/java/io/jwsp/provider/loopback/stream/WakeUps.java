package io.jwsp.provider.loopback.stream;

import io.jwsp.spi.WspSocket;

/** Tests: the wake-ups a loopback stream socket's connection has had (its condition's signal count). */
public final class WakeUps {
    private WakeUps() {
    }

    public static int of(WspSocket socket) {
        return ((StreamDataPath) socket).wakeUpCount();
    }
}
