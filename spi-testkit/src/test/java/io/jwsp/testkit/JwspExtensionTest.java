package io.jwsp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.testkit.fake.FakeProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/** The extension behind {@link JwspTest}, run on fixture classes through the JUnit Platform. */
class JwspExtensionTest {

    private static long open(Winsock ws) {
        return ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).value();
    }

    // ---- fixtures (nested static classes: surefire does not run them on its own)

    @JwspTest(providers = FakeProviderFactory.class)
    static class Leaks {
        @Test
        void leaksOneSocket(Winsock ws) {
            open(ws);
        }

        @Test
        void closesItsSocket(Winsock ws) {
            assertTrue(ws.closeSocket(open(ws)).isOk());
        }
    }

    @JwspTest(providers = FakeProviderFactory.class, settings = "fake.answer=42")
    static class Parameters {
        @Test
        void everyParameter(IsolatedRuntime isolated, JwspRuntime runtime, Winsock ws, Catalog catalog,
                            VirtualClock clock, TimeSource time) {
            assertSame(isolated.runtime(), runtime);
            assertSame(runtime.winsock(), ws);
            assertSame(clock, time);
            assertSame(clock, runtime.timeSource());
            assertEquals(List.of("fake"), catalog.providerNames());
            long s = open(ws); // WSAStartup already happened
            assertTrue(ws.closeSocket(s).isOk());
        }
    }

    static class Isolation {
        static final List<Object> RUNTIMES = new CopyOnWriteArrayList<>();

        @Test
        @JwspTest(providers = FakeProviderFactory.class)
        void first(JwspRuntime runtime, VirtualClock clock) {
            RUNTIMES.add(runtime);
            RUNTIMES.add(clock);
            assertEquals(0, runtime.openHandles());
        }

        @Test
        @JwspTest(providers = FakeProviderFactory.class)
        void second(JwspRuntime runtime, VirtualClock clock) {
            RUNTIMES.add(runtime);
            RUNTIMES.add(clock);
            assertEquals(0, runtime.openHandles());
        }
    }

    @JwspTest(providers = FakeProviderFactory.class, virtualClock = false)
    static class RealClock {
        @Test
        void realTime(TimeSource time) {
            assertFalse(time.isVirtual());
        }

        @Test
        void noVirtualClockToBeHad(VirtualClock clock) {
            // never reached: the parameter cannot be resolved
        }
    }

    /** A user's Guice module, applied over the runtime's own. */
    public static final class ExtraModule extends com.google.inject.AbstractModule {
        static final List<String> CONFIGURED = new CopyOnWriteArrayList<>();

        @Override
        protected void configure() {
            CONFIGURED.add("configured");
        }
    }

    @JwspTest(providers = FakeProviderFactory.class, modules = ExtraModule.class)
    static class WithModule {
        @Test
        void runs(Winsock ws) {
            assertTrue(ws.closeSocket(open(ws)).isOk());
        }
    }

    @JwspTest(providers = FakeProviderFactory.class, settings = "no-equals-sign")
    static class BadSettings {
        @Test
        void neverRuns(Winsock ws) {
            // never reached
        }
    }

    // ---- the tests

    @Test
    void aTestThatLeaksAHandleFails_andOneThatClosesPasses() {
        Map<String, TestExecutionResult> r = Launch.run(Leaks.class);
        TestExecutionResult leak = r.get("leaksOneSocket");
        assertEquals(TestExecutionResult.Status.FAILED, leak.getStatus());
        LeakedHandlesError e = assertInstanceOf(LeakedHandlesError.class, leak.getThrowable().orElseThrow());
        assertEquals(1, e.openHandles());
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.get("closesItsSocket").getStatus());
    }

    @Test
    void resolvesRuntimeWinsockCatalogAndClock() {
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, Launch.run(Parameters.class).get("everyParameter").getStatus(),
                () -> String.valueOf(Launch.run(Parameters.class).get("everyParameter").getThrowable()));
    }

    @Test
    void eachTestGetsItsOwnRuntimeAndClock() {
        Isolation.RUNTIMES.clear();
        Map<String, TestExecutionResult> r = Launch.run(Isolation.class);
        r.values().forEach(x -> assertEquals(TestExecutionResult.Status.SUCCESSFUL, x.getStatus(), x::toString));
        assertEquals(4, Isolation.RUNTIMES.size());
        assertNotSame(Isolation.RUNTIMES.get(0), Isolation.RUNTIMES.get(2));
        assertNotSame(Isolation.RUNTIMES.get(1), Isolation.RUNTIMES.get(3));
    }

    @Test
    void realClockOnRequest_andNoVirtualClockParameterThen() {
        Map<String, TestExecutionResult> r = Launch.run(RealClock.class);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.get("realTime").getStatus());
        assertEquals(TestExecutionResult.Status.FAILED, r.get("noVirtualClockToBeHad").getStatus());
        assertTrue(r.get("noVirtualClockToBeHad").getThrowable().orElseThrow().getMessage().contains("virtualClock"));
    }

    @Test
    void guiceModulesNamedByTheAnnotationAreInstalled() {
        ExtraModule.CONFIGURED.clear();
        TestExecutionResult r = Launch.run(WithModule.class).get("runs");
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.getStatus(), r::toString);
        assertFalse(ExtraModule.CONFIGURED.isEmpty(), "the module's configure() ran");
    }

    @Test
    void aMalformedSettingIsAConfigurationError() {
        TestExecutionResult r = Launch.run(BadSettings.class).get("neverRuns");
        assertEquals(TestExecutionResult.Status.FAILED, r.getStatus());
        assertTrue(r.getThrowable().orElseThrow().getMessage().contains("key=value"));
    }

    @Test
    void programmaticForm_closeReportsLeaks() {
        IsolatedRuntime leaky = IsolatedRuntime.builder().provider(new FakeProviderFactory()).start();
        open(leaky.winsock());
        open(leaky.winsock());
        LeakedHandlesError e = assertThrows(LeakedHandlesError.class, leaky::close);
        assertEquals(2, e.openHandles());
        leaky.close(); // idempotent, and a leak is reported once

        try (IsolatedRuntime clean = IsolatedRuntime.builder().provider(new FakeProviderFactory()).start()) {
            assertTrue(clean.winsock().closeSocket(open(clean.winsock())).isOk());
            assertTrue(clean.isVirtual());
        }
    }

    @Test
    void programmaticForm_closeQuietlyCountsWithoutFailing() {
        IsolatedRuntime rt = IsolatedRuntime.builder().provider(new FakeProviderFactory()).virtualClock(false).start();
        open(rt.winsock());
        assertEquals(1, rt.closeQuietly());
        assertThrows(IllegalStateException.class, rt::virtualClock);
    }
}
