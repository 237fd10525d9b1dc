package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.ias.IasAttribute;
import io.jwsp.provider.irda.ias.IasQuery;
import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SOCKADDR_IRDA, IAS, discovery and the options and types IrDA has (or refuses), on the timed medium. */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class IrdaAddressingTest {
    private IrdaBench bench;

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
        }
    }

    private IrdaBench bench(String... settings) {
        bench = new IrdaBench(settings);
        return bench;
    }

    private int deviceA() {
        return bench.space().localDevices().get(0).id();
    }

    @Test
    void entry_isAfIrdaStream_guaranteedDeliveryAndOrder_withoutGracefulClose() {
        ProtocolInfo e = new IrdaProviderFactory().protocolEntries().getFirst();
        assertEquals(26, e.addressFamily());
        assertEquals(SocketType.SOCK_STREAM, e.socketType());
        assertEquals(ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER, e.serviceFlags());
        assertFalse(e.hasService(ServiceFlags.XP1_GRACEFUL_CLOSE), "IrDA has no graceful close");
        assertTrue(e.matchesProtocol(0) && e.matchesProtocol(1), "protocol 0 and IRDA_PROTO_SOCK_STREAM");
    }

    @Test
    void serviceLoader_findsTheFactory() {
        assertTrue(ServiceLoader.load(WspProviderFactory.class).stream()
                .anyMatch(p -> p.type() == IrdaProviderFactory.class));
    }

    @Test
    void socket_streamWithProtocolZeroOrOne_opens_sockDgramIsRefused() {
        bench("irda.baud", "0");
        ok(bench.ws.socket(AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 0));
        ok(bench.ws.socket(AddressFamily.AF_IRDA, SocketType.SOCK_STREAM, 1));
        assertEquals(WsaError.WSAESOCKTNOSUPPORT,
                bench.ws.socket(AddressFamily.AF_IRDA, SocketType.SOCK_DGRAM, 0).error(), "SOCK_DGRAM");
        IrdaProvider provider = (IrdaProvider) new IrdaProviderFactory().create(new TestContext());
        provider.startup(io.jwsp.spi.WsaVersion.V2_2, null);
        assertEquals(WsaError.WSAESOCKTNOSUPPORT, provider.socket(new IrdaProviderFactory().protocolEntries().getFirst(),
                AddressFamily.AF_IRDA, SocketType.SOCK_DGRAM, 0, 0).error(), "the provider refuses it too");
        provider.cleanup();
    }

    @Test
    void soKeepalive_isWSAENOPROTOOPT_onlyLingerMeansSomethingAtSolSocket() {
        bench("irda.baud", "0");
        long s = bench.socket();
        assertEquals(WsaError.WSAENOPROTOOPT, bench.ws.setSockOpt(s, SocketOptions.SO_KEEPALIVE, true).error());
        assertEquals(WsaError.WSAENOPROTOOPT, bench.ws.getSockOpt(s, SocketOptions.SO_KEEPALIVE).error());
        assertEquals(WsaError.WSAENOPROTOOPT, bench.ws.setSockOpt(s, SocketOptions.TCP_NODELAY, true).error());
    }

    @Test
    void connect_unknownService_isWSAECONNREFUSED() {
        bench("irda.baud", "115200");
        bench.listener("present");
        long c = bench.socket();
        assertEquals(WsaError.WSAECONNREFUSED, bench.connectOutcome(c, IrdaSockAddr.of(deviceA(), "absent")));
        assertEquals(2, bench.tap.ofKind("IAS").size(), "the IAS question and its answer crossed the link");
        assertTrue(bench.tap.ofKind("CONNECT").isEmpty(), "no CONNECT after IAS said no");
    }

    @Test
    void connect_lsapSelName_skipsIas() {
        bench("irda.baud", "115200");
        long l = bench.socket();
        ok(bench.ws.bind(l, IrdaSockAddr.local("LSAP-SEL5")));
        ok(bench.ws.listen(l, 2));
        IrdaBench.Pair p = bench.connect(l, IrdaSockAddr.lsapSel(deviceA(), 5));
        assertTrue(bench.tap.ofKind("IAS").isEmpty(), "no IAS frames for LSAP-SELn");
        assertTrue(bench.tap.ofKind("CONNECT").getFirst().to().endsWith("/5"), "CONNECT straight to selector 5");
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 10), 0));
    }

    @Test
    void connect_toAnUnboundSelector_isWSAECONNREFUSED() {
        bench("irda.baud", "115200");
        long c = bench.socket();
        assertEquals(WsaError.WSAECONNREFUSED, bench.connectOutcome(c, IrdaSockAddr.lsapSel(deviceA(), 9)));
        assertTrue(bench.tap.ofKind("DISCONNECT").getFirst().detail().contains("reason 5"));
    }

    @Test
    void connect_byServiceName_fromTheOtherDevice_peerNameAndSockName() {
        bench("irda.baud", "115200");
        IrdaBench.Pair p = bench.connectByService("named");
        IrdaSockAddr peer = (IrdaSockAddr) ok(bench.ws.getPeerName(p.client()));
        assertEquals(IrdaSockAddr.of(deviceA(), "named"), peer);
        IrdaSockAddr local = (IrdaSockAddr) ok(bench.ws.getSockName(p.client()));
        assertEquals(bench.space().localDevices().get(1).id(), local.deviceId(), "the client leaves from device B");
        assertTrue(local.lsapSelector() > 0);
        assertEquals(IrdaSockAddr.of(deviceA(), "named"), ok(bench.ws.getSockName(p.accepted())));
    }

    @Test
    void connect_afterBind_isWSAEINVAL_clientsMustNotBind() {
        bench("irda.baud", "0");
        bench.listener("svc");
        long c = bench.socket();
        ok(bench.ws.bind(c, IrdaSockAddr.local("mine")));
        assertEquals(WsaError.WSAEINVAL, bench.ws.connect(c, IrdaSockAddr.of(deviceA(), "svc")).error());
    }

    @Test
    void connect_unknownDevice_isWSAEADDRNOTAVAIL() {
        bench("irda.baud", "0");
        long c = bench.socket();
        assertEquals(WsaError.WSAEADDRNOTAVAIL, bench.ws.connect(c, IrdaSockAddr.of(0x12345678, "svc")).error());
    }

    @Test
    void bind_serviceTwice_isWSAEADDRINUSE_andFreedByClose() {
        bench("irda.baud", "0");
        long a = bench.listener("twice");
        long b = bench.socket();
        assertEquals(WsaError.WSAEADDRINUSE, bench.ws.bind(b, IrdaSockAddr.local("twice")).error());
        ok(bench.ws.closeSocket(a));
        ok(bench.ws.bind(b, IrdaSockAddr.local("twice")));
    }

    @Test
    void enumDevices_findsTheDevicesInRange_notItself() {
        bench("irda.baud", "0", "irda.devices", "3");
        long s = bench.socket();
        DeviceList list = ok(bench.ws.getSockOpt(s, IrdaOptions.IRLMP_ENUMDEVICES));
        List<DeviceInfo> all = bench.space().localDevices();
        assertEquals(List.of(all.get(1), all.get(2)), list.devices());
        bench.space().setInRange(all.get(0).id(), all.get(2).id(), false);
        assertEquals(List.of(all.get(1)), ok(bench.ws.getSockOpt(s, IrdaOptions.IRLMP_ENUMDEVICES)).devices());
        assertFalse(bench.tap.ofKind("XID").isEmpty(), "discovery is an XID exchange");
    }

    @Test
    void enumDevices_emptyArea_isSuccessWithZeroDevices() {
        bench("irda.baud", "0", "irda.devices", "1");
        long s = bench.socket();
        assertEquals(0, ok(bench.ws.getSockOpt(s, IrdaOptions.IRLMP_ENUMDEVICES)).numDevice());
        byte[] raw = {9, 9, 9, 9};
        assertEquals(4, ok(bench.ws.getSockOpt(s, IrdaOptions.SOL_IRLMP, 0x10, raw, 4)), "just the header");
        assertEquals(0, raw[0] | raw[1] | raw[2] | raw[3], "numDevice 0");
    }

    @Test
    void enumDevices_rawBufferShorterThanTheHeader_isWSAEFAULT() {
        bench("irda.baud", "0");
        long s = bench.socket();
        assertEquals(WsaError.WSAEFAULT, bench.ws.getSockOpt(s, IrdaOptions.SOL_IRLMP, 0x10, new byte[3], 3).error());
    }

    @Test
    void enumDevices_rawBuffer_fillsAsManyEntriesAsFit_29BytesEach() {
        bench("irda.baud", "0", "irda.devices", "4", "irda.nickname", "palm");
        long s = bench.socket();
        byte[] raw = new byte[4 + 29 + 10];
        assertEquals(33, ok(bench.ws.getSockOpt(s, IrdaOptions.SOL_IRLMP, 0x10, raw, raw.length)));
        assertEquals(1, raw[0], "numDevice: the one entry that fits");
        DeviceInfo second = bench.space().localDevices().get(1);
        assertEquals((byte) (second.id() >>> 24), raw[4], "irdaDeviceID, as discovery gave it");
        assertEquals((byte) second.id(), raw[7]);
        assertEquals("palm-2", new String(raw, 8, 6, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, raw[8 + 6], "the name is NUL-padded to 22 bytes");
        assertEquals(DeviceInfo.HINT_COMPUTER, raw[4 + 26], "hints1: Computer");
    }

    @Test
    void iasSet_isVisibleToTheOtherDevicesIasQuery_andGoesWithItsSocket() {
        bench("irda.baud", "115200");
        long owner = bench.socket();
        ok(bench.ws.setSockOpt(owner, IrdaOptions.IRLMP_IAS_SET,
                new IasAttribute("MyService", "Version", new IasValue.IntValue(42))));
        long asker = bench.socket();
        ok(bench.ws.setSockOpt(asker, IrdaOptions.IRLMP_IAS_QUERY, IasQuery.ask(deviceA(), "MyService", "Version")));
        IasQuery[] answer = new IasQuery[1];
        java.util.concurrent.CompletableFuture<WspResult<IasQuery>> asking = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> bench.ws.getSockOpt(asker, IrdaOptions.IRLMP_IAS_QUERY));
        bench.until(asking::isDone, java.time.Duration.ofSeconds(10));
        answer[0] = ok(asking.join());
        assertEquals(new IasValue.IntValue(42), answer[0].answer());
        assertEquals(2, bench.tap.ofKind("IAS").size(), "asked over the link");

        ok(bench.ws.setSockOpt(asker, IrdaOptions.IRLMP_IAS_QUERY, IasQuery.ask(deviceA(), "MyService", "Other")));
        asking = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> bench.ws.getSockOpt(asker, IrdaOptions.IRLMP_IAS_QUERY));
        bench.until(asking::isDone, java.time.Duration.ofSeconds(10));
        assertEquals(new IasValue.NoAttribute(), ok(asking.join()).answer());

        ok(bench.ws.closeSocket(owner));
        ok(bench.ws.setSockOpt(asker, IrdaOptions.IRLMP_IAS_QUERY, IasQuery.ask(deviceA(), "MyService", "Version")));
        asking = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> bench.ws.getSockOpt(asker, IrdaOptions.IRLMP_IAS_QUERY));
        bench.until(asking::isDone, java.time.Duration.ofSeconds(10));
        assertEquals(new IasValue.NoClass(), ok(asking.join()).answer(), "the entry went with its socket");
    }

    @Test
    void iasSet_rawLayout_throughTheRawSetsockoptPath_andDuplicateIsWSAEINVAL() {
        bench("irda.baud", "0");
        long s = bench.socket();
        byte[] raw = new byte[IasCodecs.SET.size()];
        IasCodecs.SET.encode(new IasAttribute("Raw", "Name", IasValue.UserString.ascii("hello")), raw);
        ok(bench.ws.setSockOpt(s, IrdaOptions.SOL_IRLMP, 0x11, raw, raw.length));
        assertEquals(WsaError.WSAEINVAL, bench.ws.setSockOpt(s, IrdaOptions.SOL_IRLMP, 0x11, raw, raw.length).error(),
                "a duplicate attribute");
        IasValue stored = bench.runtime.providerExtension("irda", io.jwsp.provider.irda.stack.IrlmpStack.class)
                .orElseThrow().ias(deviceA()).lookup("Raw", "Name");
        assertEquals(IasValue.UserString.ascii("hello"), stored, "decoded from the IAS_SET layout");
        assertEquals(WsaError.WSAEINVAL, bench.ws.setSockOpt(s, IrdaOptions.IRLMP_IAS_SET,
                new IasAttribute("", "x", new IasValue.IntValue(1))).error(), "an empty class");
    }

    @Test
    void sendPduLen_isTheDataSizeLessIrlmpAndTinyTpHeaders() {
        bench("irda.baud", "0", "irda.dataSize", "1024");
        long s = bench.socket();
        assertEquals(1021, ok(bench.ws.getSockOpt(s, IrdaOptions.IRLMP_SEND_PDU_LEN)));
    }

    @Test
    void recv_afterAHardClose_isTheEndOfTheStream_neverWSAECONNRESET() {
        bench("irda.baud", "0");
        IrdaBench.Pair p = bench.connectByService("nohard");
        ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 100), 0));
        ok(bench.ws.setSockOpt(p.client(), SocketOptions.SO_LINGER, io.jwsp.spi.option.Linger.of(0)));
        ok(bench.ws.closeSocket(p.client()));
        ByteBuffer b = ByteBuffer.allocate(200);
        assertEquals(100, ok(bench.ws.recv(p.accepted(), b, 0)), "what had arrived");
        assertEquals(0, ok(bench.ws.recv(p.accepted(), b, 0)), "then 0, not WSAECONNRESET");
    }

    @Test
    void address_parsesAndPrints_serviceNamesAreAtMost24Characters() {
        IrdaSockAddr a = IrdaSockAddr.parse("irda:1DA00002:IrDA:IrCOMM");
        assertEquals(0x1DA00002, a.deviceId());
        assertEquals("IrDA:IrCOMM", a.serviceName());
        assertEquals("1DA00002:IrDA:IrCOMM", a.toString());
        assertEquals(IrdaSockAddr.local("chat"), IrdaSockAddr.parse("irda:chat"));
        assertEquals(7, IrdaSockAddr.parse("LSAP-SEL7").lsapSelector());
        assertEquals(-1, IrdaSockAddr.parse("LSAP-SEL0").lsapSelector());
        assertEquals(-1, IrdaSockAddr.parse("LSAP-SEL128").lsapSelector());
        assertEquals(26, a.addressFamily());
        assertThrows(IllegalArgumentException.class, () -> IrdaSockAddr.local("x".repeat(25)));
    }
}
