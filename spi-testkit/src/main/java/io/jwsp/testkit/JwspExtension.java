package io.jwsp.testkit;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link JwspTest}. The runtime lives in the test method's namespaced store, wrapped in a
 * {@link ExtensionContext.Store.CloseableResource}: JUnit closes it after the test (after {@code @AfterEach}), and
 * a leak found then fails the test. The extension keeps no state of its own.
 */
public final class JwspExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(JwspExtension.class);
    private static final String KEY = "runtime";
    private static final String CHOSEN_PROVIDER = "provider";
    /** What a run of an {@link EachProvider} method without {@code @JwspTest} gets: the annotation's defaults. */
    private static final JwspTest DEFAULTS = Defaults.class.getAnnotation(JwspTest.class);

    private static final Set<Class<?>> RESOLVED = Set.of(IsolatedRuntime.class, JwspRuntime.class, Winsock.class,
            Catalog.class, VirtualClock.class, TimeSource.class);

    @JwspTest
    private static final class Defaults {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!isEachProvider(context)) {
            runtime(context); // an EachProvider run is started by startWith, once it knows its provider
        }
    }

    private static boolean isEachProvider(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, EachProvider.class)).orElse(false);
    }

    /** Builds the runtime of one {@link EachProvider} run, on {@code provider} alone. */
    static void startWith(ExtensionContext context, Class<? extends WspProviderFactory> provider) {
        context.getStore(NAMESPACE).put(CHOSEN_PROVIDER, provider);
        runtime(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return extensionContext.getTestMethod().isPresent()
                && (RESOLVED.contains(type) || resourceProvider(type).isPresent());
    }

    /** The first {@link TestResourceProvider} on the testkit's class loader that makes {@code type}. */
    private static Optional<TestResourceProvider> resourceProvider(Class<?> type) {
        return java.util.ServiceLoader.load(TestResourceProvider.class, JwspExtension.class.getClassLoader())
                .stream().map(java.util.ServiceLoader.Provider::get).filter(p -> p.supports(type)).findFirst();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        IsolatedRuntime rt = runtime(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == IsolatedRuntime.class) {
            return rt;
        }
        if (type == JwspRuntime.class) {
            return rt.runtime();
        }
        if (type == Winsock.class) {
            return rt.winsock();
        }
        if (type == Catalog.class) {
            return rt.catalog();
        }
        if (!RESOLVED.contains(type)) {
            Object made = resourceProvider(type).orElseThrow().create(type, rt);
            if (made instanceof AutoCloseable c) {
                rt.onClose(c);
            }
            return made;
        }
        if (type == VirtualClock.class) {
            if (!rt.isVirtual()) {
                throw new ParameterResolutionException("a VirtualClock parameter needs @JwspTest(virtualClock = true)");
            }
            return rt.virtualClock();
        }
        return rt.timeSource();
    }

    /** The test's runtime, built on first use. */
    static IsolatedRuntime runtime(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("@JwspTest runtimes exist per test method only");
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(KEY, k -> new StoredRuntime(build(context)), StoredRuntime.class).runtime;
    }

    private static IsolatedRuntime build(ExtensionContext context) {
        Class<?> chosen = context.getStore(NAMESPACE).get(CHOSEN_PROVIDER, Class.class);
        if (chosen == null && isEachProvider(context)) {
            throw new ExtensionConfigurationException("an @EachProvider method runs only as its per-provider runs");
        }
        JwspTest config = find(context).or(() -> Optional.ofNullable(chosen == null ? null : DEFAULTS))
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "JwspExtension needs @JwspTest on the test method or its class"));
        IsolatedRuntime.Builder b = IsolatedRuntime.builder().virtualClock(config.virtualClock())
                .autoAdvance(config.autoAdvance());
        if (chosen != null) {
            b.provider((WspProviderFactory) ReflectionSupport.newInstance(chosen));
        } else {
            for (var p : config.providers()) {
                b.provider(ReflectionSupport.newInstance(p));
            }
        }
        for (var l : config.layers()) {
            b.layer(ReflectionSupport.newInstance(l));
        }
        for (var m : config.modules()) {
            b.module(ReflectionSupport.newInstance(m));
        }
        if (config.discover()) {
            b.discover(context.getRequiredTestClass().getClassLoader());
        }
        for (String kv : config.settings()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException("@JwspTest settings are key=value, got: " + kv);
            }
            b.setting(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return b.start();
    }

    /** The method's annotation, else its class's (superclasses included), else an enclosing class's. */
    private static Optional<JwspTest> find(ExtensionContext context) {
        Optional<JwspTest> onMethod = context.getTestMethod().flatMap(m -> annotation(m));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<JwspTest> found = annotation(c);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<JwspTest> annotation(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, JwspTest.class);
    }

    /**
     * Closed by JUnit with the method's store: the leak check, then the runtime's close. It is both a
     * CloseableResource (deprecated in JUnit 5.14, still honoured) and an AutoCloseable (what JUnit 5.13+ closes);
     * JUnit closes it once either way, and {@link IsolatedRuntime#close} is idempotent besides.
     */
    @SuppressWarnings("deprecation")
    private record StoredRuntime(IsolatedRuntime runtime)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }
}
