package io.jwsp.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/** A test side: raw NIO's, counting the bytes its accepted end receives. */
final class CountingTcpSide implements TcpSide {
    private final RawTcpSide raw = new RawTcpSide(false);
    final AtomicLong serverReceived = new AtomicLong();

    CountingTcpSide() throws IOException {
    }

    @Override
    public int clientSend(ByteBuffer b) throws IOException {
        return raw.clientSend(b);
    }

    @Override
    public int clientRecv(ByteBuffer b) throws IOException {
        return raw.clientRecv(b);
    }

    @Override
    public int serverRecv(ByteBuffer b) throws IOException {
        int n = raw.serverRecv(b);
        if (n > 0) {
            serverReceived.addAndGet(n);
        }
        return n;
    }

    @Override
    public boolean serverSend(ByteBuffer b) throws IOException {
        return raw.serverSend(b);
    }

    @Override
    public void closeClient() throws IOException {
        raw.closeClient();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
