package io.jwsp.bench;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.SocketOptions;

/** A connected pair of jwsp stream sockets (client and accepted) on one runtime, made through the Winsock API. */
final class WinsockPair implements AutoCloseable {
    final JwspRuntime runtime;
    final Winsock ws;
    final long listener;
    final long client;
    final long server;

    WinsockPair(JwspRuntime runtime, ProtocolInfo entry, int bufferBytes) {
        this.runtime = runtime;
        this.ws = runtime.winsock();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        listener = ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0).orElseThrow();
        ws.bind(listener, InetSockAddr.loopback4(0)).orElseThrow();
        ws.listen(listener, 64).orElseThrow();
        SockAddr where = ws.getSockName(listener).orElseThrow();
        client = ws.socket(entry.addressFamily(), entry.socketType(), entry.protocol(), entry, 0).orElseThrow();
        if (bufferBytes > 0) {
            ws.setSockOpt(client, SocketOptions.SO_SNDBUF, bufferBytes).orElseThrow();
            ws.setSockOpt(client, SocketOptions.SO_RCVBUF, bufferBytes).orElseThrow();
        }
        ws.setSockOpt(client, SocketOptions.TCP_NODELAY, true); // as the raw NIO anchors do; ignored where moot
        ws.connect(client, where).orElseThrow();
        server = ws.accept(listener).orElseThrow();
        ws.setSockOpt(server, SocketOptions.TCP_NODELAY, true);
        if (bufferBytes > 0) {
            ws.setSockOpt(server, SocketOptions.SO_SNDBUF, bufferBytes).orElseThrow();
            ws.setSockOpt(server, SocketOptions.SO_RCVBUF, bufferBytes).orElseThrow();
        }
    }

    static ProtocolInfo streamEntry(JwspRuntime runtime, String nameFragment) {
        return runtime.catalog().visibleEntries().stream()
                .filter(p -> p.socketType() == io.jwsp.spi.addr.SocketType.SOCK_STREAM
                        && p.addressFamily() == io.jwsp.spi.addr.AddressFamily.AF_INET
                        && p.name().toLowerCase(java.util.Locale.ROOT).contains(nameFragment))
                .findFirst().orElseThrow(() -> new IllegalStateException("no stream entry named *" + nameFragment + "*"));
    }

    @Override
    public void close() {
        ws.closeSocket(client);
        ws.closeSocket(server);
        ws.closeSocket(listener);
        runtime.close();
    }
}
