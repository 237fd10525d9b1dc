package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input for every call answers a WsaError and never throws (issue 2, "Done when"; DESIGN.md, the result
 * object): null buffers and addresses are WSAEFAULT, calls in the wrong state answer Winsock's code for it.
 */
public abstract class BadInputContract extends RawOptionContract {

    private Executable expect(WsaError expected, String what, Supplier<WspResult<?>> call) {
        return () -> fails(expected, atOnce(what, call::get), what);
    }

    private Executable anyError(String what, Supplier<WspResult<?>> call) {
        return () -> {
            WspResult<?> r = atOnce(what, call::get);
            if (r.isOk() && r.value() instanceof Long h) {
                track(h);
            }
            assertTrue(r.isFailed(), what + " should answer a WsaError, answered " + describe(r));
        };
    }

    @Test
    @DisplayName("result object: a null buffer (or buffer array element) is WSAEFAULT for every data call")
    public void required_badInput_nullBuffers_areWSAEFAULT() {
        Connection c = connect();
        long s = c.client();
        assertAll("null buffers",
                expect(WsaError.WSAEFAULT, "send(null)", () -> ws.send(s, null, 0)),
                expect(WsaError.WSAEFAULT, "recv(null)", () -> ws.recv(s, null, 0)),
                expect(WsaError.WSAEFAULT, "sendto(null)", () -> ws.sendTo(s, null, 0, put.listenAddress())),
                expect(WsaError.WSAEFAULT, "recvfrom(null)", () -> ws.recvFrom(s, null, 0)),
                expect(WsaError.WSAEFAULT, "WSASend(null array)", () -> ws.wsaSend(s, null, 0, null)),
                expect(WsaError.WSAEFAULT, "WSASend({null})", () -> ws.wsaSend(s, new ByteBuffer[] {null}, 0, null)),
                expect(WsaError.WSAEFAULT, "WSARecv(null array)", () -> ws.wsaRecv(s, null, 0, null)),
                expect(WsaError.WSAEFAULT, "WSARecv({buf, null})",
                        () -> ws.wsaRecv(s, new ByteBuffer[] {ByteBuffer.allocate(4), null}, 0, null)));
        // The connection is untouched by the refused calls.
        long sent = send(s, 0, 100);
        readExactly(c.accepted(), 0, sent);
    }

    @Test
    @DisplayName("result object: a null address is WSAEFAULT (bind, connect)")
    public void required_badInput_nullAddresses_areWSAEFAULT() {
        long s = open();
        assertAll("null addresses",
                expect(WsaError.WSAEFAULT, "bind(null)", () -> ws.bind(s, null)),
                expect(WsaError.WSAEFAULT, "connect(null)", () -> ws.connect(s, null)));
    }

    @Test
    @DisplayName("WSP procedure table: calls in the wrong state answer Winsock's code for it")
    public void required_badInput_wrongState_answersWinsockCodes() {
        long fresh = open();
        long bound = open();
        ok(ws.bind(bound, put.listenAddress()), "bind");
        Connection c = connect();
        assertAll("wrong state",
                expect(WsaError.WSAEINVAL, "accept on a socket that is not listening", () -> ws.accept(bound)),
                expect(WsaError.WSAEINVAL, "listen on an unbound socket", () -> ws.listen(fresh, 1)),
                expect(WsaError.WSAEINVAL, "bind on a bound socket", () -> ws.bind(bound, put.listenAddress())),
                expect(WsaError.WSAEINVAL, "getsockname on an unbound socket", () -> ws.getSockName(fresh)),
                expect(WsaError.WSAENOTCONN, "getpeername on an unconnected socket", () -> ws.getPeerName(bound)),
                expect(WsaError.WSAENOTCONN, "recv on an unconnected socket",
                        () -> ws.recv(bound, ByteBuffer.allocate(4), 0)),
                expect(WsaError.WSAENOTCONN, "send on an unconnected socket",
                        () -> ws.send(bound, ByteBuffer.allocate(4), 0)),
                expect(WsaError.WSAEISCONN, "connect on a connected socket",
                        () -> ws.connect(c.client(), ok(ws.getSockName(c.listener()), "getsockname"))));
    }

    @Test
    @DisplayName("setsockopt/getsockopt: an unknown option is WSAENOPROTOOPT")
    public void required_badInput_unknownOption_isWSAENOPROTOOPT() {
        long s = open();
        assertAll("unknown options",
                expect(WsaError.WSAENOPROTOOPT, "setsockopt(SOL_SOCKET, 0x7777)",
                        () -> ws.setSockOpt(s, SocketOptions.SOL_SOCKET, 0x7777, new byte[4], 4)),
                expect(WsaError.WSAENOPROTOOPT, "getsockopt(SOL_SOCKET, 0x7777)",
                        () -> ws.getSockOpt(s, SocketOptions.SOL_SOCKET, 0x7777, new byte[4], 4)));
    }

    @Test
    @DisplayName("result object: no call throws for bad input; each answers a WsaError")
    public void required_badInput_neverThrows_alwaysAWsaError() {
        long s = open();
        List<Executable> checks = new ArrayList<>(List.of(
                anyError("socket(AF 9999)", () -> ws.socket(9999, put.socketType(), put.protocol())),
                anyError("socket(type 9999)", () -> ws.socket(put.addressFamily(), 9999, put.protocol())),
                anyError("ioctlsocket(null code)", () -> ws.ioctl(s, null, null)),
                anyError("ioctlsocket(FIONBIO, null)", () -> ws.ioctl(s, IoControls.FIONBIO, null)),
                anyError("WSAEventSelect(null event, FD_READ)", () -> ws.eventSelect(s, null, FdEvents.FD_READ)),
                anyError("setsockopt(null option)", () -> ws.setSockOpt(s, null, Boolean.TRUE)),
                anyError("getsockopt(null option)", () -> ws.getSockOpt(s, null)),
                anyError("setsockopt(raw, optlen -1)", () -> ws.setSockOpt(s, SocketOptions.SOL_SOCKET,
                        SocketOptions.SO_LINGER.name(), new byte[4], -1)),
                anyError("getsockopt(raw, optlen beyond optval)", () -> ws.getSockOpt(s, SocketOptions.SOL_SOCKET,
                        SocketOptions.SO_LINGER.name(), new byte[2], 64)),
                anyError("shutdown of an unconnected socket", () -> ws.shutdown(s, ShutdownHow.SD_BOTH)),
                anyError("WSAGetOverlappedResult(null)", () -> ws.getOverlappedResult(s, null, false)),
                anyError("WSAWaitForMultipleEvents(no events)",
                        () -> ws.waitForMultipleEvents(List.of(), false, Duration.ZERO, false)),
                anyError("select(no sockets)", () -> ws.select(Set.of(), Set.of(), Set.of(), Duration.ZERO)),
                anyError("sendto(null address) on an unconnected socket",
                        () -> ws.sendTo(s, ByteBuffer.allocate(4), 0, null)),
                anyError("accept on a new socket", () -> ws.accept(s))));
        assertAll("bad input", checks);
    }
}
