package io.jwsp.bridge;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** The IP providers the bridge's behaviour tests run over (by name), and waits those tests share. */
final class IpProviders {
    private IpProviders() {
    }

    /** For {@code @MethodSource}: the providers whose entries carry IPv4 and IPv6 addresses. */
    static Stream<String> names() {
        return Stream.of("loopback", "tcp");
    }

    static JwspRuntime runtime(String name) {
        return JwspRuntime.builder().provider(switch (name) {
            case "loopback" -> new LoopbackProviderFactory();
            case "tcp" -> new TcpProviderFactory();
            default -> throw new IllegalArgumentException(name);
        }).build();
    }

    /**
     * Returns once {@code t} is inside a provider's call and waiting there (parked, or in a native call), or has
     * ended; at most 10 s. A close that comes earlier still tests something (the call then fails at once), but the
     * point of these tests is the close of a call already blocked.
     */
    static void awaitBlockedInProvider(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.isAlive() && System.nanoTime() < deadline) {
            StackTraceElement[] stack = t.getStackTrace();
            boolean inProvider = Stream.of(stack).anyMatch(f -> f.getClassName().startsWith("io.jwsp.provider."));
            boolean waiting = t.getState() != Thread.State.RUNNABLE || stack.length > 0 && stack[0].isNativeMethod();
            if (inProvider && waiting) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
