package io.jwsp.bridge.jvmwide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.spi.time.VirtualClock;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the JVM-wide provider reads its system properties, and the runtime they make. */
class JvmWideSettingsTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsAreLoopbackOnTheRealClock() {
        JvmWideSettings s = JvmWideSettings.from(props());
        assertEquals("loopback", s.provider());
        assertFalse(s.virtualClock());
        assertEquals(Map.of(), s.providerSettings());
    }

    @Test
    void providerClockAndSettingsComeFromTheirProperties() {
        JvmWideSettings s = JvmWideSettings.from(props("jwsp.provider", "irda", "jwsp.clock", "virtual",
                "jwsp.setting.irda.baud", "9600", "unrelated", "x"));
        assertEquals("irda", s.provider());
        assertTrue(s.virtualClock());
        assertEquals(Map.of("irda.baud", "9600"), s.providerSettings());
    }

    @Test
    void anUnknownClockIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JvmWideSettings.from(props("jwsp.clock", "fast")));
    }

    @Test
    void aVirtualClockRuntimeRunsOnOneVirtualClock() {
        try (JwspRuntime runtime = JvmWideSettings.from(props("jwsp.clock", "virtual")).newRuntime()) {
            assertInstanceOf(VirtualClock.class, runtime.timeSource());
        }
    }

    @Test
    void anUnknownProviderIsNamedInTheError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JvmWideSettings.from(props("jwsp.provider", "carrier-pigeon")).newRuntime());
        assertTrue(e.getMessage().contains("carrier-pigeon"), e.getMessage());
    }
}
