package io.jwsp.layer.support;

import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hand-built chains and the socket moves the layer tests repeat. */
public final class Session {
    private Session() {
    }

    /** Builds {@code topDown} over {@code base} (bottom layer first, as the runtime does) and starts the top. */
    public static WspProvider chain(ProviderContext context, WspProvider base, LayeredProviderFactory... topDown) {
        WspProvider lower = base;
        for (int i = topDown.length - 1; i >= 0; i--) {
            lower = topDown[i].create(context, lower);
        }
        lower.startup(WsaVersion.V2_2, null).orElseThrow();
        return lower;
    }

    public static WspSocket stream(WspProvider p, ProtocolInfo info) {
        return p.socket(info, AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0, 0).orElseThrow();
    }

    /** A listener bound to an ephemeral port, listening. */
    public static WspSocket listener(WspProvider p, ProtocolInfo info) {
        WspSocket l = stream(p, info);
        l.bind(InetSockAddr.loopback4(0)).orElseThrow();
        l.listen(5).orElseThrow();
        return l;
    }

    /** A connected pair: [client, server-side accepted socket]. */
    public static WspSocket[] connect(WspProvider p, ProtocolInfo info, WspSocket listener) {
        WspSocket client = stream(p, info);
        SockAddr to = listener.getSockName().orElseThrow();
        client.connect(to).orElseThrow();
        WspSocket server = listener.accept(null).orElseThrow().socket();
        return new WspSocket[] {client, server};
    }

    public static ByteBuffer[] bytes(String text) {
        return new ByteBuffer[] {ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))};
    }

    public static ByteBuffer[] bytes(byte[] data) {
        return new ByteBuffer[] {ByteBuffer.wrap(data)};
    }

    public static WspResult<Integer> send(WspSocket s, String text) {
        return s.send(bytes(text), 0, null);
    }

    /** Reads once into a fresh buffer of {@code room} bytes; the text read, or the failure. */
    public static WspResult<String> recv(WspSocket s, int room) {
        ByteBuffer b = ByteBuffer.allocate(room);
        return s.recv(new ByteBuffer[] {b}, 0, null)
                .map(n -> new String(b.array(), 0, n, StandardCharsets.US_ASCII));
    }
}
