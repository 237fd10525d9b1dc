package io.jwsp.provider.atm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.addr.Bhli;
import io.jwsp.provider.atm.addr.Blli;
import io.jwsp.provider.atm.addr.SapField;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.trace.WireFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Q.2931 call set-up, SAPs and the ATM ioctls. */
class AtmSignallingTest {
    @Test
    void q2931_setup_callProceeding_connect_connectAck_inThatOrder_vciFrom32() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            List<String> sig = lab.context.kinds().stream()
                    .filter(k -> !k.startsWith("CELL") && !k.startsWith("PDU")).toList();
            assertEquals(List.of("SETUP", "CALL_PROCEEDING", "SETUP", "CONNECT", "CONNECT", "CONNECT_ACK",
                    "CONNECT_ACK"), sig);
            AtmConnectionId id = p.client().ioctl(AtmIoControls.SIO_GET_ATM_CONNECTION_ID, null, null).value();
            assertEquals(0, id.deviceNumber());
            assertEquals(0, id.vpi());
            assertTrue(id.vci() >= 32, "VCIs 0-31 are reserved");
            AtmConnectionId other = p.accepted().ioctl(AtmIoControls.SIO_GET_ATM_CONNECTION_ID, null, null).value();
            assertEquals(1, other.deviceNumber());
            assertTrue(other.vci() >= 32);
            assertEquals(lab.address(0, 0), p.accepted().getPeerName().value(), "the calling party number");
            assertEquals(lab.address(1, 1), p.client().getPeerName().value());
        }
    }

    @Test
    void sockets_shareOneDevice_whenBothEndsUseIt() {
        try (AtmLab lab = new AtmLab(Map.of("atm.devices", "1"))) {
            AtmLab.Pair p = lab.connect(lab.listen(lab.address(0, 7)));
            AtmLab.send(p.client(), AtmLab.pdu(64, 0));
            lab.settle();
            assertEquals(64, AtmLab.recvNow(p.accepted(), 100).bytes().length);
            int a = p.client().ioctl(AtmIoControls.SIO_GET_ATM_CONNECTION_ID, null, null).value().vci();
            int b = p.accepted().ioctl(AtmIoControls.SIO_GET_ATM_CONNECTION_ID, null, null).value().vci();
            assertTrue(a != b, "two legs of one call on one port have two VCIs");
        }
    }

    @Test
    void sap_anyInAConnectDestination_isWsaeinval() {
        try (AtmLab lab = new AtmLab()) {
            AtmSocket s = lab.open();
            AtmAddress dest = lab.address(1, 1).number();
            assertEquals(WsaError.WSAEINVAL, s.connect(new AtmSockAddr(dest, Blli.LAYER2_ANY, Bhli.ABSENT)).error());
            assertEquals(WsaError.WSAEINVAL, s.connect(new AtmSockAddr(dest, Blli.ABSENT, Bhli.ANY)).error());
            assertEquals(WsaError.WSAEINVAL, s.connect(AtmSockAddr.of(AtmAddress.ANY)).error());
            assertEquals(WsaError.WSAEAFNOSUPPORT, s.connect(InetSockAddr.loopback4(1)).error());
        }
    }

    @Test
    void sap_overlappingListeners_secondIsWsaeaddrinuse() {
        try (AtmLab lab = new AtmLab()) {
            AtmAddress n = lab.address(1, 1).number();
            lab.listen(new AtmSockAddr(n, Blli.layer2(Blli.BLLI_L2_LLC), Bhli.ABSENT));
            AtmSocket second = lab.open();
            // Bound first, listen second: the overlap is found at listen.
            AtmSocket third = lab.open();
            assertTrue(third.bind(AtmSockAddr.of(n)).isOk(), "BLLI absent does not overlap BLLI LLC");
            assertTrue(third.listen(1).isOk());
            assertEquals(WsaError.WSAEADDRINUSE,
                    second.bind(new AtmSockAddr(n, Blli.LAYER2_ANY, Bhli.ABSENT)).error(), "L2 ANY overlaps LLC");
            AtmSocket any = lab.open();
            assertEquals(WsaError.WSAEADDRINUSE,
                    any.bind(AtmSockAddr.of(new AtmAddress(SapField.ANY_AESA_SEL, n.bytes()))).error(),
                    "any selector overlaps the listening selector 1");
            // Two sockets bound to one SAP before either listens: the second listen is refused.
            AtmSockAddr two = lab.address(1, 2);
            AtmSocket y = lab.open();
            AtmSocket z = lab.open();
            assertTrue(y.bind(two).isOk());
            assertTrue(z.bind(two).isOk());
            assertTrue(y.listen(1).isOk());
            assertEquals(WsaError.WSAEADDRINUSE, z.listen(1).error());
        }
    }

    @Test
    void sap_noMatchingListener_releaseCompleteCause88_wsaeconnrefused() {
        try (AtmLab lab = new AtmLab()) {
            AtmSocket s = lab.open();
            AtmLab.nonBlocking(s, true);
            TestUpcalls.Flag ev = new TestUpcalls.Flag();
            s.eventSelect(ev, FdEvents.FD_CONNECT).value();
            assertEquals(WsaError.WSAEWOULDBLOCK, s.connect(lab.address(1, 9)).error());
            lab.settle();
            NetworkEvents ne = s.enumNetworkEvents(ev).value();
            assertEquals(WsaError.WSAECONNREFUSED, ne.errorOf(FdEvents.FD_CONNECT));
            WireFrame rc = lab.context.frames.stream().filter(f -> f.kind().equals("RELEASE_COMPLETE"))
                    .reduce((a, b) -> b).orElseThrow();
            assertTrue(rc.detail().contains("cause 88"), rc.detail());
            assertEquals(WsaError.WSAECONNREFUSED.code(), s.getSockOpt(SocketOptions.SO_ERROR).value());
        }
    }

    @Test
    void sap_noMatchingListener_blockingConnect_wsaeconnrefused() throws Exception {
        try (AtmLab lab = new AtmLab()) {
            AtmSocket s = lab.open();
            CompletableFuture<WspResult<Void>> c = CompletableFuture.supplyAsync(() -> s.connect(lab.address(1, 9)));
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            lab.settle();
            assertEquals(WsaError.WSAECONNREFUSED, c.get(10, TimeUnit.SECONDS).error());
        }
    }

    @Test
    void q2931_t303_expiresTwice_wsaetimedout() throws Exception {
        try (AtmLab lab = new AtmLab(Map.of("atm.fault.signallingSilent", "true"))) {
            AtmSocket s = lab.open();
            AtmSocket l = lab.listen(lab.address(1, 1));
            SockAddr to = l.getSockName().value();
            CompletableFuture<WspResult<Void>> c = CompletableFuture.supplyAsync(() -> s.connect(to));
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            lab.clock.advance(Duration.ofSeconds(4));
            assertEquals(2, lab.context.kinds().stream().filter("SETUP"::equals).count(), "SETUP again at T303");
            assertTrue(!c.isDone());
            lab.clock.advance(Duration.ofSeconds(4));
            assertEquals(WsaError.WSAETIMEDOUT, c.get(10, TimeUnit.SECONDS).error());
        }
    }

    @Test
    void ioctls_deviceCountAndAddresses_matchTheSwitch() {
        try (AtmLab lab = new AtmLab(Map.of("atm.devices", "3"))) {
            AtmSocket s = lab.open();
            assertEquals(3, s.ioctl(AtmIoControls.SIO_GET_NUMBER_OF_ATM_DEVICES, null, null).value());
            List<io.jwsp.provider.atm.sw.PortAssignment> ports =
                    lab.provider.unwrap(AtmNetwork.class).orElseThrow().devices();
            for (int i = 0; i < 3; i++) {
                AtmAddress a = s.ioctl(AtmIoControls.SIO_GET_ATM_ADDRESS, i, null).value();
                assertEquals(ports.get(i).aesa(), a);
                assertEquals(AtmAddress.AESA, a.type());
                assertEquals(20, a.numberOfDigits());
            }
            assertEquals(WsaError.WSAEINVAL, s.ioctl(AtmIoControls.SIO_GET_ATM_ADDRESS, 3, null).error());
            assertEquals(WsaError.WSAEFAULT, s.ioctl(AtmIoControls.SIO_GET_ATM_ADDRESS, null, null).error());
            assertEquals(WsaError.WSAENOTCONN, s.ioctl(AtmIoControls.SIO_GET_ATM_CONNECTION_ID, null, null).error());
            assertEquals(0x50160001, AtmIoControls.SIO_GET_NUMBER_OF_ATM_DEVICES.code());
            assertEquals(0xD0160002, AtmIoControls.SIO_GET_ATM_ADDRESS.code());
            assertEquals(0x50160004, AtmIoControls.SIO_GET_ATM_CONNECTION_ID.code());
        }
    }

    @Test
    void options_keepAliveIsWsaenoprotoopt_typeIsRaw() {
        try (AtmLab lab = new AtmLab()) {
            AtmSocket s = lab.open();
            assertEquals(WsaError.WSAENOPROTOOPT, s.setSockOpt(SocketOptions.SO_KEEPALIVE, true).error());
            assertEquals(WsaError.WSAENOPROTOOPT, s.getSockOpt(SocketOptions.SO_KEEPALIVE).error());
            assertEquals(3, s.getSockOpt(SocketOptions.SO_TYPE).value());
            assertTrue(s.setSockOpt(SocketOptions.SO_REUSEADDR, true).isOk(), "accepted, no effect");
        }
    }

    @Test
    void catalog_entries_afAtmSockRawAal5AndAaluser() {
        AtmProviderFactory f = new AtmProviderFactory();
        assertEquals("atm", f.name());
        assertEquals(2, f.protocolEntries().size());
        assertEquals(AddressFamily.AF_ATM, f.protocolEntries().get(0).addressFamily());
        assertEquals(3, f.protocolEntries().get(0).socketType());
        assertEquals(5, f.protocolEntries().get(0).protocol());
        assertEquals(0, f.protocolEntries().get(1).protocol());
        assertEquals(65535, f.protocolEntries().get(0).maxMessageSize());
        assertEquals(0x10C, f.protocolEntries().get(0).serviceFlags());
        try (AtmLab lab = new AtmLab()) {
            assertEquals(WsaError.WSAEPROTONOSUPPORT, lab.provider.socket(null, 22, 3, 2, 0).error());
            assertEquals(WsaError.WSAESOCKTNOSUPPORT, lab.provider.socket(null, 22, 1, 5, 0).error());
            assertEquals(WsaError.WSAEAFNOSUPPORT, lab.provider.socket(null, 2, 3, 5, 0).error());
        }
    }

    @Test
    void addresses_stringForms_parse() {
        try (AtmLab lab = new AtmLab()) {
            SockAddr a = lab.provider.stringToAddress("@1.1", AddressFamily.AF_ATM, null).value();
            assertEquals(lab.address(1, 1), a);
            assertEquals(a, lab.provider.stringToAddress(a.toString(), AddressFamily.AF_ATM, null).value());
            assertEquals(WsaError.WSAEINVAL,
                    lab.provider.stringToAddress("nonsense", AddressFamily.AF_ATM, null).error());
            assertEquals(WsaError.WSAESHUTDOWN, WsaError.WSAESHUTDOWN); // the enum is shared with the runtime
            lab.provider.cleanup();
            assertEquals(WsaError.WSANOTINITIALISED, lab.provider.cleanup().error());
            lab.provider.startup(WsaVersion.V2_2, lab.upcalls).value();
        }
    }

    @Test
    void design_twoProvidersInOneJvm_neverReachEachOthersSwitch() {
        try (AtmLab a = new AtmLab(); AtmLab b = new AtmLab()) {
            b.listen(b.address(1, 1));
            AtmSocket c = a.open();
            AtmLab.nonBlocking(c, true);
            c.connect(a.address(1, 1));
            a.settle();
            assertEquals(WsaError.WSAECONNREFUSED.code(), c.getSockOpt(SocketOptions.SO_ERROR).value(),
                    "the same AESA on another provider's switch is not this switch's port");
        }
    }

    @Test
    void disconnectData_theCauseIeRoundTripsThroughSendAndRecvDisconnect() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            byte[] cause = new io.jwsp.provider.atm.q2931.Cause(0, 31).encode();
            assertTrue(p.client().sendDisconnect(java.nio.ByteBuffer.wrap(cause)).isOk());
            lab.settle();
            java.nio.ByteBuffer got = java.nio.ByteBuffer.allocate(8);
            assertEquals(2, p.accepted().recvDisconnect(got).value());
            assertEquals(31, io.jwsp.provider.atm.q2931.Cause.decode(java.util.Arrays.copyOf(got.array(), 2)).value());
            assertEquals(WsaError.WSAESHUTDOWN, p.client().send(new java.nio.ByteBuffer[] {
                java.nio.ByteBuffer.allocate(1)}, 0, null).error());
        }
    }
}
