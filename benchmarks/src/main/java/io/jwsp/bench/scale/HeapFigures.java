package io.jwsp.bench.scale;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** The heap and collector figures of this JVM a scale run reports. */
final class HeapFigures {
    private HeapFigures() {
    }

    /** Heap in use after full collections: the smallest of three readings, each after a System.gc(). */
    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Collections so far, all collectors together. */
    static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Milliseconds spent collecting so far, all collectors together. */
    static long collectionMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    /**
     * The first {@code lines} lines of {@code jcmd <pid> GC.class_histogram} (a full collection first, so only
     * live objects), through the diagnostic-command MBean; a sentence saying why when the JVM has none.
     */
    static String classHistogram(int lines) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] all = String.valueOf(text).split("\n");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(lines, all.length); i++) {
                b.append(all[i]).append('\n');
            }
            return b.toString();
        } catch (JMException e) {
            return "no class histogram: " + e.getMessage() + "\n";
        }
    }
}
