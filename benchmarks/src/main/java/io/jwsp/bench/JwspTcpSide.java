package io.jwsp.bench;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import java.nio.ByteBuffer;

/** The TCP provider through the Winsock API, on a runtime of its own; {@link WinsockPair} sets TCP_NODELAY on both ends. */
final class JwspTcpSide implements TcpSide {
    private final WinsockPair pair;

    JwspTcpSide() {
        JwspRuntime rt = JwspRuntime.builder().provider(new TcpProviderFactory()).build();
        pair = new WinsockPair(rt, WinsockPair.streamEntry(rt, "tcp"), 0);
    }

    @Override
    public int clientSend(ByteBuffer b) {
        return pair.ws.send(pair.client, b, 0).orElseThrow();
    }

    @Override
    public int clientRecv(ByteBuffer b) {
        return pair.ws.recv(pair.client, b, 0).orElseThrow();
    }

    @Override
    public int serverRecv(ByteBuffer b) {
        var r = pair.ws.recv(pair.server, b, 0);
        return r.isOk() ? r.value() : -1;
    }

    @Override
    public boolean serverSend(ByteBuffer b) {
        return pair.ws.send(pair.server, b, 0).isOk();
    }

    @Override
    public void closeClient() {
        pair.ws.closeSocket(pair.client);
    }

    @Override
    public void close() {
        pair.close();
    }

    @Override
    public String toString() {
        return "jwsp";
    }
}
