package io.jwsp.reliability.ext;

import static io.jwsp.reliability.fixture.RuntimeUnderTest.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.ext.WinsockAcceptEx;
import io.jwsp.runtime.ext.WinsockConnectEx;
import io.jwsp.runtime.ext.WinsockDisconnectEx;
import io.jwsp.runtime.ext.WinsockExtensions;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.ext.ExtensionOptions;
import io.jwsp.spi.ext.connect.TransmitFlags;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An echo server and its clients on one thread and one completion port, every operation overlapped: the server keeps
 * {@link #ACCEPTS} AcceptEx pending, echoes what each connection sends, and once the client closes gives the socket
 * back with DisconnectEx(TF_REUSE_SOCKET) to the next AcceptEx; each client connects with ConnectEx sending its
 * message on connect, reads the echo, checks it and closes. At most {@link #CLIENTS} clients at a time. Every
 * socket is associated with the port under its handle as key; nothing sleeps, every dequeue waits for a packet.
 */
final class EchoLoop {
    static final int ACCEPTS = 8;
    static final int CLIENTS = 16;
    private static final int SLOT = 64;

    private enum Kind { ACCEPT, SERVER_RECV, SERVER_SEND, DISCONNECT, CONNECT, CLIENT_RECV }

    /** One operation in flight: what it was, on which socket, with which buffer. */
    private record Op(Kind kind, long socket, ByteBuffer buffer, byte[] expected) {
    }

    private final RuntimeUnderTest rut;
    private final Winsock ws;
    private final CompletionPort port;
    private final Map<Overlapped, Op> inFlight = new HashMap<>();
    private final long listener;
    private final SockAddr address;
    private final WinsockAcceptEx acceptEx;
    private final WinsockConnectEx connectEx;
    private final WinsockDisconnectEx disconnectEx;
    private final int connections;
    private int started;
    private int echoed;
    private int accepted;
    private int reused;

    EchoLoop(RuntimeUnderTest rut, int connections) {
        this.rut = rut;
        this.ws = rut.ws;
        this.connections = connections;
        this.port = ws.createCompletionPort();
        this.listener = rut.listener(64);
        this.address = rut.nameOf(listener);
        this.acceptEx = ok(ws.extensionFunction(listener, WinsockExtensions.ACCEPT_EX), "AcceptEx");
        this.connectEx = ok(ws.extensionFunction(listener, WinsockExtensions.CONNECT_EX), "ConnectEx");
        this.disconnectEx = ok(ws.extensionFunction(listener, WinsockExtensions.DISCONNECT_EX), "DisconnectEx");
        ok(ws.associateCompletionPort(listener, port, listener), "CreateIoCompletionPort(listener)");
    }

    /** Runs every connection to its end; answers how many times DisconnectEx gave a server socket back for reuse. */
    int run() {
        for (int i = 0; i < ACCEPTS; i++) {
            long s = rut.open(WspProvider.WSA_FLAG_OVERLAPPED);
            ok(ws.associateCompletionPort(s, port, s), "CreateIoCompletionPort(accept socket)");
            postAccept(s);
        }
        while (started < Math.min(CLIENTS, connections)) {
            startClient();
        }
        while (echoed < connections || !inFlight.isEmpty()) {
            CompletionPacket p = ok(ws.getQueuedCompletionStatus(port, Duration.ofDays(1)), "GetQueuedCompletionStatus");
            Op op = inFlight.remove(p.overlapped());
            assertTrue(op != null, "a packet for an operation this loop did not start");
            assertNull(p.error(), op.kind() + " on " + op.socket() + " failed");
            completed(op, p.bytesTransferred());
        }
        assertEquals(connections, accepted, "connections AcceptEx took");
        return reused;
    }

    private void completed(Op op, int bytes) {
        long s = op.socket();
        switch (op.kind()) {
            case ACCEPT -> {
                accepted++;
                ok(ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_ACCEPT_CONTEXT, listener), "SO_UPDATE_ACCEPT_CONTEXT");
                postServerRecv(s);
            }
            case SERVER_RECV -> {
                if (bytes == 0) {
                    post(Kind.DISCONNECT, s, null, null, ov -> disconnectEx.disconnectEx(s, ov,
                            TransmitFlags.TF_REUSE_SOCKET, 0).map(v -> 0));
                } else {
                    ByteBuffer echo = op.buffer().flip();
                    post(Kind.SERVER_SEND, s, echo, null, ov -> ws.wsaSend(s, new ByteBuffer[] {echo}, 0, ov));
                }
            }
            case SERVER_SEND -> {
                if (op.buffer().hasRemaining()) {
                    post(Kind.SERVER_SEND, s, op.buffer(), null,
                            ov -> ws.wsaSend(s, new ByteBuffer[] {op.buffer()}, 0, ov));
                } else {
                    postServerRecv(s);
                }
            }
            case DISCONNECT -> {
                reused++;
                if (accepted + pendingAccepts() < connections) {
                    postAccept(s);
                }
            }
            case CONNECT -> {
                assertEquals(op.expected().length, bytes, "the bytes ConnectEx sent on connect");
                ok(ws.setSockOpt(s, ExtensionOptions.SO_UPDATE_CONNECT_CONTEXT, 0), "SO_UPDATE_CONNECT_CONTEXT");
                postClientRecv(s, ByteBuffer.allocate(op.expected().length), op.expected());
            }
            case CLIENT_RECV -> {
                assertTrue(bytes > 0, "the echo ended early");
                if (op.buffer().hasRemaining()) {
                    postClientRecv(s, op.buffer(), op.expected());
                    return;
                }
                assertArrayEquals(op.expected(), op.buffer().array(), "the echo of client " + s);
                ok(ws.closeSocket(s), "closesocket(client)");
                echoed++;
                if (started < connections) {
                    startClient();
                }
            }
        }
    }

    private int pendingAccepts() {
        return (int) inFlight.values().stream().filter(o -> o.kind() == Kind.ACCEPT).count();
    }

    private void postAccept(long s) {
        ByteBuffer output = ByteBuffer.allocate(2 * SLOT);
        post(Kind.ACCEPT, s, output, null, ov -> acceptEx.acceptEx(listener, s, output, 0, SLOT, SLOT, ov));
    }

    private void postServerRecv(long s) {
        ByteBuffer into = ByteBuffer.allocate(256);
        post(Kind.SERVER_RECV, s, into, null, ov -> ws.wsaRecv(s, new ByteBuffer[] {into}, 0, ov));
    }

    private void postClientRecv(long s, ByteBuffer into, byte[] expected) {
        post(Kind.CLIENT_RECV, s, into, expected, ov -> ws.wsaRecv(s, new ByteBuffer[] {into}, 0, ov));
    }

    private void startClient() {
        int id = started++;
        long c = ws.socket(rut.medium.streamEntry().addressFamily(), rut.medium.streamEntry().socketType(),
                rut.medium.streamEntry().protocol(), null, WspProvider.WSA_FLAG_OVERLAPPED).value();
        ok(ws.bind(c, rut.medium.listenAddress()), "bind(client)");
        ok(ws.associateCompletionPort(c, port, c), "CreateIoCompletionPort(client)");
        byte[] message = ("echo #" + id + " over ConnectEx").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer data = ByteBuffer.wrap(message);
        post(Kind.CONNECT, c, data, message, ov -> connectEx.connectEx(c, address, data, ov));
    }

    /** Issues one operation on a fresh record with no event or routine, so it completes to the socket's port. */
    private void post(Kind kind, long s, ByteBuffer buffer, byte[] expected,
                      Function<Overlapped, WspResult<Integer>> issue) {
        Overlapped ov = Overlapped.polled();
        inFlight.put(ov, new Op(kind, s, buffer, expected));
        WspResult<Integer> r = issue.apply(ov);
        if (!r.isPending()) {
            ok(r, kind + " on " + s); // completed at once: its packet is on the port all the same
        }
    }
}
