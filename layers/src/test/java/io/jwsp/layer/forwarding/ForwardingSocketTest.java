package io.jwsp.layer.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.fake.FakeStreamProvider;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.ForwardingProvider;
import io.jwsp.spi.kit.ForwardingSocket;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The forwarding kit passes every call down as it came and brings sockets from below into the layer. */
class ForwardingSocketTest {

    record Call(String name, List<Object> args) {
    }

    /** A socket below that records each call and answers one result object per call. */
    private static final class Recorder {
        final List<Call> calls = new ArrayList<>();
        final WspResult<Object> answer = WspResult.fail(WsaError.WSAEDISCON);
        final WspSocket acceptedBelow = (WspSocket) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WspSocket.class}, (p, m, a) -> null);

        WspSocket socket() {
            return (WspSocket) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WspSocket.class},
                    (proxy, m, args) -> {
                        calls.add(new Call(m.getName(), args == null ? List.of() : Arrays.asList(args)));
                        if (m.getName().equals("protocolInfo")) {
                            return FakeStreamProvider.ENTRY;
                        }
                        if (m.getName().equals("accept")) {
                            return WspResult.ok(new Accepted(acceptedBelow, InetSockAddr.loopback4(9)));
                        }
                        if (m.getName().equals("joinLeaf")) {
                            return WspResult.ok(acceptedBelow);
                        }
                        if (m.getName().equals("toString")) {
                            return "recorder";
                        }
                        return answer;
                    });
        }
    }

    private static Object argumentFor(Class<?> type) {
        if (type == int.class) {
            return 7;
        }
        if (type == long.class) {
            return 9L;
        }
        if (type == ByteBuffer[].class) {
            return new ByteBuffer[] {ByteBuffer.allocate(4)};
        }
        if (type == ByteBuffer.class) {
            return ByteBuffer.allocate(4);
        }
        if (type == Overlapped.class) {
            return Overlapped.polled();
        }
        if (type == io.jwsp.spi.option.SockOpt.class) {
            return SocketOptions.SO_LINGER;
        }
        if (type == io.jwsp.spi.option.IoControl.class) {
            return IoControls.FIONBIO;
        }
        if (type == io.jwsp.spi.addr.SockAddr.class) {
            return InetSockAddr.loopback4(1);
        }
        if (type == AcceptCondition.class) {
            return (AcceptCondition) caller -> AcceptCondition.CF_ACCEPT;
        }
        if (type == WspEvent.class) {
            return Proxy.newProxyInstance(ForwardingSocketTest.class.getClassLoader(), new Class<?>[] {WspEvent.class},
                    (p, m, a) -> m.getReturnType() == boolean.class ? false : null);
        }
        if (type == Object.class) {
            return io.jwsp.spi.option.Linger.of(3);
        }
        throw new AssertionError("no argument for " + type);
    }

    private static List<Method> contract(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == type)
                .toList();
    }

    @Test
    void forwardingSocket_declaresEveryContractCall_soNoDefaultAnswersInsteadOfTheSocketBelow() throws Exception {
        for (Method m : contract(WspSocket.class)) {
            Method own = ForwardingSocket.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            assertTrue(Modifier.isPublic(own.getModifiers()), m.getName());
        }
    }

    @Test
    void forwardingProvider_declaresEveryContractCall() throws Exception {
        for (Method m : contract(WspProvider.class)) {
            ForwardingProvider.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySocketCall_reachesTheSocketBelowWithItsOwnArguments_andItsResultComesBackUntouched() throws Exception {
        for (Method m : contract(WspSocket.class)) {
            Recorder below = new Recorder();
            WspSocket layer = new ForwardingSocket(below.socket());
            Object[] args = Arrays.stream(m.getParameterTypes()).map(ForwardingSocketTest::argumentFor).toArray();
            Object result = m.invoke(layer, args);
            assertEquals(1, below.calls.size(), m.getName() + " made " + below.calls);
            Call c = below.calls.getFirst();
            assertEquals(m.getName(), c.name());
            for (int i = 0; i < args.length; i++) {
                assertSame(args[i], c.args().get(i), m.getName() + " argument " + i);
            }
            switch (m.getName()) {
                case "protocolInfo" -> assertSame(FakeStreamProvider.ENTRY, result);
                case "accept" -> {
                    Accepted a = ((WspResult<Accepted>) result).value();
                    assertSame(below.acceptedBelow, assertInstanceOf(ForwardingSocket.class, a.socket()).delegate());
                    assertEquals(InetSockAddr.loopback4(9), a.peer());
                }
                case "joinLeaf" -> assertSame(below.acceptedBelow,
                        assertInstanceOf(ForwardingSocket.class, ((WspResult<?>) result).value()).delegate());
                default -> assertSame(below.answer, result, m.getName());
            }
        }
    }

    /** A layer that marks its sockets, to see which hook wrapped them. */
    static final class MarkingLayer extends ForwardingProvider {
        final List<WspSocket> wrapped = new ArrayList<>();

        MarkingLayer(WspProvider lower) {
            super(lower);
        }

        @Override
        protected WspSocket wrap(WspSocket lowerSocket) {
            wrapped.add(lowerSocket);
            return new Marked(this, lowerSocket);
        }
    }

    static final class Marked extends ForwardingSocket {
        Marked(ForwardingProvider owner, WspSocket delegate) {
            super(owner, delegate);
        }
    }

    @Test
    void socket_passesTheInfoItGotUnchanged_andWrapsThroughTheHook() {
        FakeStreamProvider base = new FakeStreamProvider(new io.jwsp.spi.time.VirtualClock());
        MarkingLayer layer = new MarkingLayer(base);
        ProtocolInfo chainInfo = FakeStreamProvider.ENTRY.withCatalogEntryId(2002)
                .withChain(io.jwsp.spi.catalog.ProtocolChain.of(List.of(3003, 1001)));
        WspSocket s = layer.socket(chainInfo, 2, 1, 0, 0).orElseThrow();
        assertSame(chainInfo, base.socketInfos.getFirst());
        assertInstanceOf(Marked.class, s);
        assertEquals(1, layer.wrapped.size());
    }

    @Test
    void accept_wrapsTheNewSocketThroughTheOwningProvidersHook() {
        FakeStreamProvider base = new FakeStreamProvider(new io.jwsp.spi.time.VirtualClock());
        MarkingLayer layer = new MarkingLayer(base);
        WspSocket listener = io.jwsp.layer.support.Session.listener(layer, FakeStreamProvider.ENTRY);
        WspSocket[] pair = io.jwsp.layer.support.Session.connect(layer, FakeStreamProvider.ENTRY, listener);
        assertInstanceOf(Marked.class, pair[1]);
        assertEquals(3, layer.wrapped.size());
    }

    @Test
    void select_handsTheLowerProviderItsOwnSockets_andMapsTheReadySetsBack() {
        FakeStreamProvider base = new FakeStreamProvider(new io.jwsp.spi.time.VirtualClock());
        // two layers: each unwraps one level
        ForwardingProvider top = new ForwardingProvider(new MarkingLayer(base));
        WspSocket listener = io.jwsp.layer.support.Session.listener(top, FakeStreamProvider.ENTRY);
        WspSocket[] pair = io.jwsp.layer.support.Session.connect(top, FakeStreamProvider.ENTRY, listener);
        io.jwsp.layer.support.Session.send(pair[0], "hi").orElseThrow();
        SelectSets ready = top.select(new SelectSets(List.of(pair[1], pair[0]), List.of(pair[0]), List.of()), 0)
                .orElseThrow();
        assertEquals(List.of(pair[1]), ready.read());
        assertSame(pair[0], ready.write().getFirst());
    }

    @Test
    void unwrap_asksTheLayerFirst_thenThoseBelow() {
        FakeStreamProvider base = new FakeStreamProvider(new io.jwsp.spi.time.VirtualClock());
        MarkingLayer layer = new MarkingLayer(base);
        ForwardingProvider top = new ForwardingProvider(layer);
        assertSame(base, top.unwrap(FakeStreamProvider.class).orElseThrow());
        assertSame(layer, top.unwrap(MarkingLayer.class).orElseThrow());
        assertSame(top, top.unwrap(ForwardingProvider.class).orElseThrow());
        assertEquals(Optional.empty(), top.unwrap(UUID.class));
    }
}
