package io.jwsp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.testkit.fake.FakeProviderFactory;
import io.jwsp.testkit.fake.LingeringProviderFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.junit.jupiter.api.Test;

/** {@link EachProvider}: one run per provider, each on its own runtime, named after it. */
class EachProviderTest {
    // ---- fixtures (nested static classes: surefire does not run them on its own)

    static class WithoutJwspTest {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();
        static final List<JwspRuntime> RUNTIMES = new CopyOnWriteArrayList<>();

        @EachProvider({FakeProviderFactory.class, LingeringProviderFactory.class})
        void seesOnlyItsProvider(Catalog catalog, JwspRuntime runtime) {
            SEEN.add(String.join(",", catalog.providerNames()));
            RUNTIMES.add(runtime);
        }
    }

    @JwspTest(providers = FakeProviderFactory.class, settings = "fake.answer=42")
    static class WithJwspTestOnTheClass {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @EachProvider(LingeringProviderFactory.class)
        void theChosenProviderReplacesTheClasssList(Catalog catalog) {
            SEEN.add(String.join(",", catalog.providerNames()));
        }
    }

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }

    @Test
    void runsOncePerProvider_eachOnItsOwnRuntime_namedAfterIt() {
        WithoutJwspTest.SEEN.clear();
        WithoutJwspTest.RUNTIMES.clear();
        Events events = run(WithoutJwspTest.class);
        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertEquals(List.of("[fake]", "[lingering]"),
                events.finished().stream().map(Event::getTestDescriptor).map(d -> d.getDisplayName()).toList());
        assertEquals(List.of("fake", "lingering"), WithoutJwspTest.SEEN);
        assertNotSame(WithoutJwspTest.RUNTIMES.get(0), WithoutJwspTest.RUNTIMES.get(1));
    }

    @Test
    void keepsTheClasssConfiguration_butRunsOnTheChosenProviderAlone() {
        WithJwspTestOnTheClass.SEEN.clear();
        run(WithJwspTestOnTheClass.class).assertStatistics(s -> s.started(1).succeeded(1));
        assertEquals(List.of("lingering"), WithJwspTestOnTheClass.SEEN);
    }
}
