package io.jwsp.carriage;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Binds a carriage's socket, trying again for a moment while the address is in use: a process restarted at once
 * may find its predecessor's socket not yet released by the kernel. (SO_REUSEADDR is not the answer for UDP: it
 * would let two live processes share the port, and datagrams go to one of them.)
 */
final class PortBinding {
    private static final long BIND_RETRY_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long BIND_RETRY_STEP_NANOS = Duration.ofMillis(20).toNanos();

    private PortBinding() {
    }

    static DatagramSocket bind(InetSocketAddress bind, int socketBuffer) throws IOException {
        long deadline = System.nanoTime() + BIND_RETRY_NANOS;
        while (true) {
            DatagramSocket s = new DatagramSocket(null);
            try {
                s.setReceiveBufferSize(socketBuffer);
                s.setSendBufferSize(socketBuffer);
                s.bind(bind);
                return s;
            } catch (BindException e) {
                s.close();
                if (bind.getPort() == 0 || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                LockSupport.parkNanos(BIND_RETRY_STEP_NANOS);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }
}
