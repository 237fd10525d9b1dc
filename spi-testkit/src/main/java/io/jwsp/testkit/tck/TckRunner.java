package io.jwsp.testkit.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the TCK outside Maven through the JUnit Platform Launcher ({@code jwsp selftest}): against a
 * {@link ProviderUnderTest} (bound into {@link SelftestTck}), or a ready {@link ProviderTck} subclass.
 */
public final class TckRunner {
    /** The configuration parameter naming the run whose subject {@link SelftestTck} takes. */
    static final String RUN_PARAMETER = "jwsp.tck.run";

    /** Subjects of runs in progress, keyed by a per-run id; an entry lives only while its run does. */
    private static final Map<String, ProviderUnderTest> RUNS = new ConcurrentHashMap<>();

    private TckRunner() {
    }

    static ProviderUnderTest subjectOf(String run) {
        return RUNS.get(run);
    }

    /** Runs every TCK case against {@code subject}. */
    public static TckReport run(ProviderUnderTest subject) {
        return run(subject, name -> true);
    }

    /** Runs the TCK cases whose method name {@code include} accepts. */
    public static TckReport run(ProviderUnderTest subject, Predicate<String> include) {
        String run = UUID.randomUUID().toString();
        RUNS.put(run, subject);
        try {
            return execute(subject.factory().name(), SelftestTck.class, Map.of(RUN_PARAMETER, run), include);
        } finally {
            RUNS.remove(run);
        }
    }

    /** Runs a provider's own TCK subclass. */
    public static TckReport run(Class<? extends ProviderTck> tck) {
        return run(tck, name -> true);
    }

    public static TckReport run(Class<? extends ProviderTck> tck, Predicate<String> include) {
        return execute(tck.getSimpleName(), tck, Map.of(), include);
    }

    /** The names of every TCK case, in declaration order of the contract chain (for listings and checks). */
    public static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = ProviderTck.class; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(c);
        }
        Collections.reverse(chain);
        for (Class<?> c : chain) {
            for (var m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                    names.add(m.getName());
                }
            }
        }
        return names;
    }

    private static TckReport execute(String subject, Class<?> testClass, Map<String, String> parameters,
                                     Predicate<String> include) {
        PostDiscoveryFilter filter = descriptor -> {
            Optional<MethodSource> m = descriptor.getSource()
                    .filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
            return m.isEmpty() || include.test(m.get().getMethodName())
                    ? FilterResult.included("selected")
                    : FilterResult.excluded("not selected");
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameters(parameters)
                .filters(filter)
                .build();
        Collector collector = new Collector();
        long start = System.nanoTime();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, collector);
        return new TckReport(subject, collector.cases, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Turns JUnit's events into {@link TckCase}s. */
    private static final class Collector implements TestExecutionListener {
        final List<TckCase> cases = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Long> started = new ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                add(id, TckCase.Status.SKIPPED, reason == null ? "" : reason, 0);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED && id.getSource().isPresent()) {
                    // A container failure (the class could not be built): report it as one failed required case.
                    cases.add(new TckCase(id.getDisplayName(), id.getDisplayName(), TckCase.Level.REQUIRED,
                            TckCase.Status.FAILED, message(result), 0));
                }
                return;
            }
            Long t0 = started.get(id.getUniqueId());
            long millis = t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
            TckCase.Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> TckCase.Status.PASSED;
                case ABORTED -> TckCase.Status.SKIPPED;
                case FAILED -> TckCase.Status.FAILED;
            };
            add(id, status, status == TckCase.Status.PASSED ? "" : message(result), millis);
        }

        private void add(TestIdentifier id, TckCase.Status status, String detail, long millis) {
            String name = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(MethodSource::getMethodName).orElse(id.getDisplayName());
            cases.add(new TckCase(name, id.getDisplayName(), TckCase.levelOf(name), status, detail, millis));
        }

        private static String message(TestExecutionResult result) {
            return result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
        }
    }
}
