package io.jwsp.runtime;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.time.VirtualClock;

/** Small shared builders for the runtime's tests. */
final class Fixtures {
    static final int AF_INET = AddressFamily.AF_INET;
    static final int STREAM = SocketType.SOCK_STREAM;
    static final int DGRAM = SocketType.SOCK_DGRAM;
    static final int TCP = IpProtocol.IPPROTO_TCP;
    static final int UDP = IpProtocol.IPPROTO_UDP;

    private Fixtures() {
    }

    /** A provider with a TCP-like stream entry and a UDP-like datagram entry, both matching protocol 0. */
    static FakeProviderFactory inet(String name, int priority) {
        return new FakeProviderFactory(name, priority)
                .entry(name + " stream", AF_INET, STREAM, TCP, true)
                .entry(name + " dgram", AF_INET, DGRAM, UDP, true);
    }

    /** A started runtime over {@code factory} on a virtual clock. */
    static JwspRuntime started(VirtualClock clock, FakeProviderFactory... factories) {
        JwspRuntimeBuilder b = JwspRuntime.builder().timeSource(clock);
        for (FakeProviderFactory f : factories) {
            b.provider(f);
        }
        JwspRuntime rt = b.build();
        rt.winsock().startup(WsaVersion.V2_2).orElseThrow();
        return rt;
    }
}
