package io.jwsp.bridge;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;

/**
 * A {@link Pipe} over a connected pair of stream sockets of one jwsp provider: the sink writes into one socket,
 * the source reads from its peer. Both ends are bridge channels, so they register with the provider's selectors.
 */
final class JwspPipe extends Pipe {
    private static final int STRANGERS_TOLERATED = 16;
    private final Source source;
    private final Sink sink;

    private JwspPipe(JwspSelectorProvider provider, JwspSocketChannel readEnd, JwspSocketChannel writeEnd) {
        this.source = new Source(provider, readEnd);
        this.sink = new Sink(provider, writeEnd);
    }

    static JwspPipe open(JwspSelectorProvider provider) throws IOException {
        try (JwspServerSocketChannel listener = provider.openServerSocketChannel()) {
            listener.bind(null, 1);
            JwspSocketChannel writeEnd = provider.openSocketChannel();
            try {
                writeEnd.connect(listener.getLocalAddress());
                SocketAddress mine = writeEnd.getLocalAddress();
                // Only our own connection may become the read end (on the tcp provider, anything on the host
                // could connect to the listener meanwhile); ours is already queued, so a few accepts find it.
                for (int i = 0; i < STRANGERS_TOLERATED; i++) {
                    JwspSocketChannel readEnd = (JwspSocketChannel) listener.accept();
                    if (mine.equals(readEnd.getRemoteAddress())) {
                        return new JwspPipe(provider, readEnd, writeEnd);
                    }
                    readEnd.close();
                }
                throw new IOException("pipe: other connections kept arriving before our own");
            } catch (IOException | RuntimeException e) {
                writeEnd.close();
                throw e;
            }
        }
    }

    @Override
    public SourceChannel source() {
        return source;
    }

    @Override
    public SinkChannel sink() {
        return sink;
    }

    /** The read end: a socket channel's reads, mode and close. */
    private static final class Source extends SourceChannel implements BridgedChannel {
        private final JwspSocketChannel socket;

        Source(JwspSelectorProvider provider, JwspSocketChannel socket) {
            super(provider);
            this.socket = socket;
        }

        @Override
        public BridgedHandle handle() {
            return socket.handle();
        }

        @Override
        public int readyOps() {
            return socket.readyOps() & SelectionKey.OP_READ;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return socket.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return socket.read(dsts, offset, length);
        }

        @Override
        public long read(ByteBuffer[] dsts) throws IOException {
            return socket.read(dsts);
        }

        @Override
        protected void implCloseSelectableChannel() throws IOException {
            socket.close();
        }

        @Override
        protected void implConfigureBlocking(boolean block) throws IOException {
            socket.configureBlocking(block);
        }
    }

    /** The write end: a socket channel's writes, mode and close. */
    private static final class Sink extends SinkChannel implements BridgedChannel {
        private final JwspSocketChannel socket;

        Sink(JwspSelectorProvider provider, JwspSocketChannel socket) {
            super(provider);
            this.socket = socket;
        }

        @Override
        public BridgedHandle handle() {
            return socket.handle();
        }

        @Override
        public int readyOps() {
            return socket.readyOps() & SelectionKey.OP_WRITE;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return socket.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return socket.write(srcs, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return socket.write(srcs);
        }

        @Override
        protected void implCloseSelectableChannel() throws IOException {
            socket.close();
        }

        @Override
        protected void implConfigureBlocking(boolean block) throws IOException {
            socket.configureBlocking(block);
        }
    }
}
