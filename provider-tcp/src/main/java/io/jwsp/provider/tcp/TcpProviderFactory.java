package io.jwsp.provider.tcp;

import io.jwsp.spi.kit.ext.KitExtensions;
import io.jwsp.spi.Availability;
import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.catalog.ProviderFlags;
import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.provider.tcp.kernel.NativeSockets;
import io.jwsp.spi.kit.transmit.TransmitExtensions;
import java.util.List;
import java.util.UUID;

/**
 * The tcp base provider: stream sockets over the kernel's TCP, on IPv4 and IPv6, closing as Windows does. First in
 * the catalog (priority 10), so {@code socket(AF_INET, SOCK_STREAM, 0)} lands here when it is installed.
 */
public final class TcpProviderFactory implements WspProviderFactory {
    public static final String NAME = "tcp";
    public static final UUID PROVIDER_ID = UUID.fromString("e70f1aa0-ab8b-11cf-8ca3-00805f48a192");
    /** What a real TCP entry advertises (Windows' MSAFD Tcpip [TCP/IP] entry, less QoS and partial messages). */
    public static final int SERVICE_FLAGS = ServiceFlags.XP1_GUARANTEED_DELIVERY | ServiceFlags.XP1_GUARANTEED_ORDER
            | ServiceFlags.XP1_GRACEFUL_CLOSE | ServiceFlags.XP1_EXPEDITED_DATA | ServiceFlags.XP1_IFS_HANDLES;

    private static final List<ProtocolInfo> ENTRIES = List.of(
            entry("jwsp tcp [TCP/IP]", AddressFamily.AF_INET),
            entry("jwsp tcp [TCP/IPv6]", AddressFamily.AF_INET6));

    private static ProtocolInfo entry(String name, int af) {
        return ProtocolInfo.base(name, PROVIDER_ID, af, SocketType.SOCK_STREAM, IpProtocol.IPPROTO_TCP,
                SERVICE_FLAGS, ProviderFlags.PFL_MATCHES_PROTOCOL_ZERO, 0).withExtensionFunctions(
                TransmitExtensions.plus(KitExtensions.GUIDS));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UUID providerId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProtocolInfo> protocolEntries() {
        return ENTRIES;
    }

    @Override
    public int priority() {
        return 10;
    }

    /**
     * Always available: plain TCP works everywhere the JDK runs. Without the Linux kernel counters (another OS)
     * a lingering close cannot see unacknowledged bytes and treats the queue as drained; the reason is logged.
     */
    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    /** Whether closes can see the kernel's unacknowledged bytes here ("" when they can). */
    public static String kernelCounterLimitation() {
        return NativeSockets.unavailableReason();
    }

    @Override
    public WspProvider create(ProviderContext context) {
        return new TcpProvider(NAME, ENTRIES, context);
    }
}
