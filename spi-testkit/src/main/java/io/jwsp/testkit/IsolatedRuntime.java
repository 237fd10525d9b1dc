package io.jwsp.testkit;

import com.google.inject.Module;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.JwspRuntimeBuilder;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.catalog.Catalog;
import io.jwsp.spi.LayeredProviderFactory;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.SystemTimeSource;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test's own runtime, the programmatic form of {@link JwspTest}: its providers, its clock (a
 * {@link VirtualClock} or a private real clock), started with WSAStartup 2.2. {@link #close()} checks for leaked
 * handles <em>before</em> it tears the runtime down, then throws {@link LeakedHandlesError} if there were any.
 * Closing never blocks on the virtual clock: a call still parked on it (a lingering close a failed test left
 * behind) is forced by advancing the clock, and reported as a {@link StuckOnClockError}. Nothing here is static:
 * two instances never share a handle, a clock or a provider instance.
 */
public final class IsolatedRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatedRuntime.class);
    /**
     * How long the clean-up must stay blocked, with every thread using the clock parked, before it advances the
     * clock: long enough that a clean-up merely slow (a provider joining its threads) is never mistaken for one
     * stuck behind the clock.
     */
    private static final Duration CLEANUP_QUIET = Duration.ofMillis(100);

    private final JwspRuntime runtime;
    private final TimeSource time;
    private final SystemTimeSource ownedRealClock;
    private final VirtualClock.AutoMode autoAdvance;
    private boolean closed;
    private final ArrayDeque<AutoCloseable> closeFirst = new ArrayDeque<>();
    private final List<String> forced = new CopyOnWriteArrayList<>();

    private IsolatedRuntime(JwspRuntime runtime, TimeSource time, SystemTimeSource ownedRealClock,
                            VirtualClock.AutoMode autoAdvance) {
        this.runtime = runtime;
        this.time = time;
        this.ownedRealClock = ownedRealClock;
        this.autoAdvance = autoAdvance;
    }

    public static Builder builder() {
        return new Builder();
    }

    public JwspRuntime runtime() {
        return runtime;
    }

    public Winsock winsock() {
        return runtime.winsock();
    }

    public Catalog catalog() {
        return runtime.catalog();
    }

    public TimeSource timeSource() {
        return time;
    }

    public boolean isVirtual() {
        return time instanceof VirtualClock;
    }

    /** The virtual clock; an {@link IllegalStateException} when this runtime runs on the real clock. */
    public VirtualClock virtualClock() {
        if (time instanceof VirtualClock v) {
            return v;
        }
        throw new IllegalStateException("this runtime runs on the real clock (virtualClock = false)");
    }

    public int openHandles() {
        return runtime.openHandles();
    }

    /** Runs {@code resource.close()} when this runtime closes, before leaks are counted; last registered first. */
    public void onClose(AutoCloseable resource) {
        synchronized (closeFirst) {
            closeFirst.addFirst(resource);
        }
    }

    private void closeResources() {
        List<AutoCloseable> all;
        synchronized (closeFirst) {
            all = List.copyOf(closeFirst);
            closeFirst.clear();
        }
        for (AutoCloseable r : all) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing a test resource failed: {}", r, e);
            }
        }
    }

    /**
     * Closes the runtime without judging leaks (a test that already failed). Idempotent. Calls it had to force off
     * the virtual clock are in {@link #forcedWaits()}.
     */
    public int closeQuietly() {
        if (closed) {
            return 0;
        }
        closed = true;
        stopAutoAdvance(); // the clean-up runs its own, which reports what it forces
        int[] leaked = {0};
        try {
            whileNothingBlocksOnTheClock(() -> {
                closeResources();
                try {
                    leaked[0] = runtime.openHandles();
                } catch (RuntimeException e) {
                    LOG.warn("openHandles() failed while closing a test runtime", e);
                }
                runtime.close();
            });
        } finally {
            if (ownedRealClock != null) {
                ownedRealClock.close();
            }
        }
        return leaked[0];
    }

    /** What the clean-up had to force off the virtual clock, one line each; empty when nothing was stuck. */
    public List<String> forcedWaits() {
        return List.copyOf(forced);
    }

    /**
     * Runs the clean-up with the clock advancing by itself, so nothing in it can wait on a clock nobody advances
     * (a closer parked in its linger wait holds the socket the clean-up must close). Each wait a jump ends is
     * reported.
     */
    private void whileNothingBlocksOnTheClock(Runnable cleanup) {
        if (!(time instanceof VirtualClock clock)) {
            cleanup.run();
            return;
        }
        // Only the clock's users are watched: no unrelated busy thread may keep the clean-up from ending.
        VirtualClock.AutoMode auto = clock.autoAdvance(CLEANUP_QUIET, VirtualClock.Watch.CLOCK_USERS,
                waits -> waits.forEach(w -> {
                    String line = StuckWait.describe(w);
                    LOG.warn("{}: forcing it by advancing the clock", line);
                    forced.add(line);
                }));
        try {
            cleanup.run();
        } finally {
            auto.close();
        }
    }

    private void stopAutoAdvance() {
        if (autoAdvance != null) {
            autoAdvance.close();
        }
    }

    /**
     * Counts open handles, closes everything, then fails with {@link StuckOnClockError} if calls had to be forced
     * off the virtual clock, else with {@link LeakedHandlesError} if any handle was open.
     */
    @Override
    public void close() {
        boolean first = !closed;
        int leaked = closeQuietly();
        if (first && !forced.isEmpty()) {
            throw new StuckOnClockError(forced, leaked);
        }
        if (first && leaked > 0) {
            throw new LeakedHandlesError(leaked);
        }
    }

    /** What the runtime is built from. */
    public static final class Builder {
        private final List<WspProviderFactory> providers = new ArrayList<>();
        private final List<LayeredProviderFactory> layers = new ArrayList<>();
        private final List<Module> modules = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private ClassLoader discoveryLoader;
        private boolean virtualClock = true;
        private boolean autoAdvance;
        private TimeSource timeSource;
        private WsaVersion startupVersion = WsaVersion.V2_2;

        private Builder() {
        }

        public Builder provider(WspProviderFactory factory) {
            providers.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        public Builder layer(LayeredProviderFactory layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        public Builder module(Module module) {
            modules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        /** Also discovers providers with ServiceLoader on {@code loader}. */
        public Builder discover(ClassLoader loader) {
            this.discoveryLoader = loader;
            return this;
        }

        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public Builder settings(Map<String, String> all) {
            settings.putAll(all);
            return this;
        }

        /** true (the default): a fresh {@link VirtualClock}; false: a private real clock. */
        public Builder virtualClock(boolean virtual) {
            this.virtualClock = virtual;
            this.timeSource = null;
            return this;
        }

        /**
         * true: the virtual clock advances by itself whenever every thread using it is parked
         * ({@link VirtualClock#autoAdvance()}); false (the default): only when the test advances it.
         */
        public Builder autoAdvance(boolean auto) {
            this.autoAdvance = auto;
            return this;
        }

        /** An explicit clock (the caller owns it). */
        public Builder timeSource(TimeSource source) {
            this.timeSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The version WSAStartup asks for; {@code null} skips WSAStartup altogether. */
        public Builder startup(WsaVersion version) {
            this.startupVersion = version;
            return this;
        }

        /** Builds the runtime and calls WSAStartup; an {@link IllegalStateException} when either fails. */
        public IsolatedRuntime start() {
            SystemTimeSource owned = null;
            TimeSource clock = timeSource;
            if (clock == null) {
                if (virtualClock) {
                    clock = new VirtualClock();
                } else {
                    owned = new SystemTimeSource();
                    clock = owned;
                }
            }
            JwspRuntimeBuilder b = JwspRuntime.builder().timeSource(clock);
            providers.forEach(b::provider);
            layers.forEach(b::layer);
            if (discoveryLoader != null) {
                b.discover(discoveryLoader);
            }
            settings.forEach(b::setting);
            if (!modules.isEmpty()) {
                b.modules(modules.toArray(Module[]::new));
            }
            JwspRuntime runtime;
            try {
                runtime = b.build();
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.close();
                }
                throw e;
            }
            VirtualClock.AutoMode auto = autoAdvance && clock instanceof VirtualClock v ? v.autoAdvance() : null;
            IsolatedRuntime isolated = new IsolatedRuntime(runtime, clock, owned, auto);
            if (startupVersion != null) {
                WspResult<?> r = runtime.winsock().startup(startupVersion);
                if (!r.isOk()) {
                    isolated.closeQuietly();
                    throw new IllegalStateException("WSAStartup(" + startupVersion + ") failed: " + r.error());
                }
            }
            return isolated;
        }
    }
}
