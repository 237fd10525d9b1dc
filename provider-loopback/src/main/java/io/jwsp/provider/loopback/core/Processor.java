package io.jwsp.provider.loopback.core;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The processor the calling thread runs on at this moment: Linux's {@code sched_getcpu} through the FFM API (a few
 * nanoseconds: glibc reads it from the thread's rseq area), or {@link #UNKNOWN} off Linux and where this module has
 * no native access. A waiter asks it to choose how to wait for its peer: on another processor the peer runs while
 * the waiter spins; on this one only a yield lets it run. Never links where native access is not enabled, so it
 * never causes the JDK's restricted-method warning.
 */
public final class Processor {
    public static final int UNKNOWN = -1;
    /** This JVM may use one processor only (then every thread shares it). */
    public static final boolean ONLY_ONE = Runtime.getRuntime().availableProcessors() == 1;
    private static final MethodHandle SCHED_GETCPU = link();

    private Processor() {
    }

    /** The calling thread's processor now, or {@link #UNKNOWN}; it may have moved by the time the caller looks. */
    public static int current() {
        if (SCHED_GETCPU == null) {
            return UNKNOWN;
        }
        try {
            return (int) SCHED_GETCPU.invokeExact();
        } catch (Throwable e) {
            return UNKNOWN;
        }
    }

    /** Whether {@link #current} can tell processors apart here. */
    public static boolean known() {
        return SCHED_GETCPU != null;
    }

    @SuppressWarnings("restricted") // checked: linked only where this module's native access is enabled
    private static MethodHandle link() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (!linux || ONLY_ONE || !Processor.class.getModule().isNativeAccessEnabled()) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle h = linker.defaultLookup().find("sched_getcpu")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT),
                            Linker.Option.critical(false)))
                    .orElse(null);
            return h != null && (int) h.invokeExact() >= 0 ? h : null;
        } catch (Throwable e) {
            return null;
        }
    }
}
