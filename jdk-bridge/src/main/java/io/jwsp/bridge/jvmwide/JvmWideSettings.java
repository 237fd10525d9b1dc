package io.jwsp.bridge.jvmwide;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.JwspRuntimeBuilder;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.time.VirtualClock;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * What the JVM-wide provider runs on, from system properties:
 * <table>
 * <caption>System properties</caption>
 * <tr><th>property</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code jwsp.provider}</td><td>the provider's name: loopback, tcp, irda, atm, ...</td><td>loopback</td></tr>
 * <tr><td>{@code jwsp.clock}</td><td>{@code real}, or {@code virtual}: one VirtualClock for the JVM</td>
 * <td>real</td></tr>
 * <tr><td>{@code jwsp.setting.<provider>.<name>}</td><td>a provider setting, as the runtime builder's
 * {@code setting(key, value)}</td><td></td></tr>
 * </table>
 * Only the named provider is installed (found with ServiceLoader on the system class loader), so no other
 * provider's threads or kernel resources come along.
 */
public record JvmWideSettings(String provider, boolean virtualClock, Map<String, String> providerSettings) {
    public static final String PROVIDER = "jwsp.provider";
    public static final String CLOCK = "jwsp.clock";
    public static final String SETTING_PREFIX = "jwsp.setting.";

    public static JvmWideSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    static JvmWideSettings from(Properties p) {
        String provider = p.getProperty(PROVIDER, "loopback");
        boolean virtual = switch (p.getProperty(CLOCK, "real")) {
            case "real" -> false;
            case "virtual" -> true;
            default -> throw new IllegalArgumentException(CLOCK + " is real or virtual, got " + p.getProperty(CLOCK));
        };
        Map<String, String> settings = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(SETTING_PREFIX)) {
                settings.put(key.substring(SETTING_PREFIX.length()), p.getProperty(key));
            }
        }
        return new JvmWideSettings(provider, virtual, Map.copyOf(settings));
    }

    JwspRuntime newRuntime() {
        WspProviderFactory factory = ServiceLoader.load(WspProviderFactory.class, ClassLoader.getSystemClassLoader())
                .stream().map(ServiceLoader.Provider::get).filter(f -> f.name().equals(provider)).findFirst()
                .orElseThrow(() -> new IllegalStateException(PROVIDER + "=" + provider
                        + ": no such provider on the class path"));
        JwspRuntimeBuilder b = JwspRuntime.builder().provider(factory);
        if (virtualClock) {
            b.timeSource(new VirtualClock());
        }
        providerSettings.forEach(b::setting);
        return b.build();
    }
}
