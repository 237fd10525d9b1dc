package io.jwsp.cli.setup;

import io.jwsp.cli.CliFailure;
import io.jwsp.cli.log.CliLog;
import io.jwsp.cli.log.LogEntry;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.JwspRuntimeBuilder;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.Availability;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.trace.WireTap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One runtime with the providers a command asked for, started (WSAStartup 2.2) and closed together. Each command
 * run, and each row of the close matrix, gets its own: nothing leaks between them.
 */
public final class RuntimeSession implements AutoCloseable {
    private final JwspRuntime runtime;
    private final List<WspProviderFactory> factories;

    private RuntimeSession(JwspRuntime runtime, List<WspProviderFactory> factories) {
        this.runtime = runtime;
        this.factories = factories;
    }

    /**
     * @param timeSource {@code null} for the runtime's default (the real clock)
     * @param tap        {@code null} for none
     */
    public static RuntimeSession open(List<WspProviderFactory> factories, Map<String, String> settings,
                                      TimeSource timeSource, WireTap tap) {
        for (WspProviderFactory f : factories) {
            Availability a = f.availability();
            if (!a.available()) {
                throw CliFailure.environment("provider '" + f.name() + "' is not available here: " + a.reason());
            }
        }
        JwspRuntimeBuilder b = JwspRuntime.builder();
        factories.forEach(b::provider);
        settings.forEach(b::setting);
        if (timeSource != null) {
            b.timeSource(timeSource);
        }
        if (tap != null) {
            b.wireTap(tap);
        }
        JwspRuntime runtime = b.build();
        // Each provider starts now, not at its first socket: a provider that cannot start (a port in use) is one
        // line naming the cause, instead of its log's stack trace and a confusing failure further on.
        try (CliLog.Hold held = CliLog.hold()) {
            WspResult<?> up = runtime.winsock().startup(WsaVersion.V2_2);
            if (!up.isOk()) {
                runtime.close();
                throw CliFailure.environment("WSAStartup failed: " + up.error());
            }
            for (WspProviderFactory f : factories) {
                if (runtime.providerExtension(f.name(), WspProvider.class).isEmpty()) {
                    List<LogEntry> logged = held.entries();
                    held.discard();
                    closeQuietly(runtime);
                    throw StartFailure.of(f.name(), logged);
                }
            }
        }
        return new RuntimeSession(runtime, List.copyOf(factories));
    }

    private static void closeQuietly(JwspRuntime runtime) {
        try (CliLog.Hold cleanup = CliLog.hold()) {
            runtime.winsock().cleanup();
            runtime.close();
            cleanup.discard();   // what a half-started provider says while it is torn down adds nothing
        }
    }

    public JwspRuntime runtime() {
        return runtime;
    }

    public Winsock winsock() {
        return runtime.winsock();
    }

    public TimeSource clock() {
        return runtime.timeSource();
    }

    /**
     * The connection-oriented base entry of {@code factory} (the first one in catalog order): the entry send,
     * listen and the close matrix open their sockets from.
     */
    public ProtocolInfo streamEntry(WspProviderFactory factory) {
        return runtime.catalog().visibleEntries().stream()
                .filter(e -> e.providerId().equals(factory.providerId()))
                .filter(e -> e.chain().isBase())
                .filter(e -> !e.hasService(ServiceFlags.XP1_CONNECTIONLESS))
                .findFirst()
                .orElseThrow(() -> CliFailure.usage("provider '" + factory.name()
                        + "' has no connection-oriented entry in the catalog"));
    }

    /**
     * The connection-oriented base entry of {@code factory} for {@code address}'s family (an IPv6 address needs
     * the AF_INET6 entry), or the first one when none has that family.
     */
    public ProtocolInfo streamEntry(WspProviderFactory factory, SockAddr address) {
        ProtocolInfo first = streamEntry(factory);
        return runtime.catalog().visibleEntries().stream()
                .filter(e -> e.providerId().equals(factory.providerId()))
                .filter(e -> e.chain().isBase())
                .filter(e -> !e.hasService(ServiceFlags.XP1_CONNECTIONLESS))
                .filter(e -> e.addressFamily() == address.addressFamily())
                .findFirst()
                .orElse(first);
    }

    /** The started provider itself, for the address-string calls the Winsock facade does not offer. */
    public Optional<WspProvider> provider(String name) {
        return runtime.providerExtension(name, WspProvider.class);
    }

    public <T> Optional<T> extension(String name, Class<T> type) {
        return runtime.providerExtension(name, type);
    }

    public List<WspProviderFactory> factories() {
        return factories;
    }

    @Override
    public void close() {
        try {
            runtime.winsock().cleanup();
        } finally {
            runtime.close();
        }
    }
}
