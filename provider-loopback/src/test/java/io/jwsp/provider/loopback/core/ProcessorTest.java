package io.jwsp.provider.loopback.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The processor a thread runs on: known on Linux with native access (the build grants it), unknown otherwise. */
class ProcessorTest {
    @Test
    void current_isOneOfThisMachinesProcessors_whereKnown() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        boolean expected = linux && !Processor.ONLY_ONE && ProcessorTest.class.getModule().isNativeAccessEnabled();
        assertEquals(expected, Processor.known(), "known exactly on Linux, several processors, native access");
        int cpu = Processor.current();
        if (Processor.known()) {
            // sched_getcpu numbers processors as the kernel does; cgroups may hide some, never add any
            assertTrue(cpu >= 0 && cpu < 4096, "a processor number: " + cpu);
        } else {
            assertEquals(Processor.UNKNOWN, cpu);
        }
    }
}
