package io.jwsp.provider.tcp.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/** libc's functions for this package's FFM classes: a downcall, or {@code null} where it cannot be linked. */
final class Libc {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    private Libc() {
    }

    /**
     * The downcall to {@code name}; {@code null} off Linux (the numbers and layouts of this package are Linux's) or
     * when native access is denied (IllegalCallerException under --illegal-native-access=deny, among others).
     */
    @SuppressWarnings("restricted") // native access is this package's purpose; the module asks for it
    static MethodHandle downcall(String name, FunctionDescriptor signature, Linker.Option... options) {
        if (!LINUX) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(name).map(f -> linker.downcallHandle(f, signature, options))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
