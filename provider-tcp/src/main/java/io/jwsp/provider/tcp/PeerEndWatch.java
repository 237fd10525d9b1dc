package io.jwsp.provider.tcp;

import io.jwsp.provider.tcp.kernel.TcpState;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.result.WsaError;

/**
 * FD_CLOSE when the peer's FIN arrives, even with data unread (as Windows posts it). The kernel's readiness is
 * level-triggered: while data waits unread the socket stays readable whatever else arrives, so once FD_READ is
 * posted the poller stops watching it for reading, and a FIN behind the data would go unseen until the application
 * reads. While that lasts, a ticker on the poller asks the kernel's TCP_INFO about once a millisecond (real time)
 * whether a FIN (CLOSE_WAIT and the states after it) or a reset (CLOSE) arrived. Where TCP_INFO cannot be read, FD_CLOSE
 * waits for the data to be read (the provider's declared fallback). Guarded by the socket's lock.
 */
final class PeerEndWatch {
    private final TcpSocket socket;
    private final SocketCore core;
    private Runnable stopTicker;

    PeerEndWatch(TcpSocket socket) {
        this.socket = socket;
        this.core = socket.core();
    }

    /** FD_READ was posted with FD_CLOSE selected: watch for the end behind the data. Lock held. */
    void start() {
        if (stopTicker == null && KernelSocketView.seesPeerEnd()) {
            stopTicker = socket.provider().poller().tick(this::look);
        }
    }

    /** The poller watches for reading again, the end was seen, or the socket closes. Lock held. */
    void stop() {
        if (stopTicker != null) {
            stopTicker.run();
            stopTicker = null;
        }
    }

    /** On the poller thread. */
    private void look() {
        core.lock().lock();
        try {
            if (stopTicker == null) {
                return;
            }
            if (core.status().isClosing() || (core.events().mask() & FdEvents.FD_CLOSE) == 0
                    || socket.receive().ended()) {
                stop();
                return;
            }
            TcpState state = socket.kernelView().state(socket.local(), socket.peer());
            if (state == null) {
                stop(); // unknown: FD_CLOSE waits for the data to be read
                return;
            }
            switch (state) {
                case CLOSE_WAIT, LAST_ACK, CLOSING, TIME_WAIT -> {
                    core.events().postClose(null);
                    stop();
                }
                case CLOSE -> {
                    core.events().postClose(WsaError.WSAECONNRESET);
                    stop();
                }
                default -> {
                }
            }
        } finally {
            core.lock().unlock();
        }
    }
}
