package io.jwsp.testkit.tck;

import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.addr.SockAddr;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link ProviderUnderTest} from values; anything not set keeps the interface's default. */
public final class ProviderUnderTestBuilder {
    private final WspProviderFactory factory;
    private final SockAddr listenAddress;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Boolean virtualTime;
    private Integer lingerSeconds;
    private PeerEnd hardClose;
    private PeerEnd gracefulEnd;
    private Boolean flowControl;
    private Boolean overtake;
    private Boolean timeWait;
    private Boolean clockDriven;
    private Boolean fdCloseAfterUnread;

    ProviderUnderTestBuilder(WspProviderFactory factory, SockAddr listenAddress) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.listenAddress = Objects.requireNonNull(listenAddress, "listenAddress");
    }

    public ProviderUnderTestBuilder setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public ProviderUnderTestBuilder virtualTime(boolean v) {
        virtualTime = v;
        return this;
    }

    public ProviderUnderTestBuilder lingerSeconds(int seconds) {
        lingerSeconds = seconds;
        return this;
    }

    public ProviderUnderTestBuilder hardCloseSeenByPeer(PeerEnd end) {
        hardClose = end;
        return this;
    }

    public ProviderUnderTestBuilder gracefulEndSeenByPeer(PeerEnd end) {
        gracefulEnd = end;
        return this;
    }

    public ProviderUnderTestBuilder peerFlowControl(boolean v) {
        flowControl = v;
        return this;
    }

    public ProviderUnderTestBuilder closeMayOvertakeData(boolean v) {
        overtake = v;
        return this;
    }

    public ProviderUnderTestBuilder hasTimeWait(boolean v) {
        timeWait = v;
        return this;
    }

    public ProviderUnderTestBuilder clockDrivesDelivery(boolean v) {
        clockDriven = v;
        return this;
    }

    public ProviderUnderTestBuilder fdCloseAfterUnreadData(boolean v) {
        fdCloseAfterUnread = v;
        return this;
    }

    public ProviderUnderTest build() {
        Map<String, String> s = Map.copyOf(settings);
        return new ProviderUnderTest() {
            @Override public WspProviderFactory factory() { return factory; }
            @Override public SockAddr listenAddress() { return listenAddress; }
            @Override public Map<String, String> settings() { return s; }
            @Override public boolean virtualTime() {
                return virtualTime != null ? virtualTime : ProviderUnderTest.super.virtualTime();
            }
            @Override public int lingerSeconds() {
                return lingerSeconds != null ? lingerSeconds : ProviderUnderTest.super.lingerSeconds();
            }
            @Override public PeerEnd hardCloseSeenByPeer() {
                return hardClose != null ? hardClose : ProviderUnderTest.super.hardCloseSeenByPeer();
            }
            @Override public PeerEnd gracefulEndSeenByPeer() {
                return gracefulEnd != null ? gracefulEnd : ProviderUnderTest.super.gracefulEndSeenByPeer();
            }
            @Override public boolean peerFlowControl() {
                return flowControl != null ? flowControl : ProviderUnderTest.super.peerFlowControl();
            }
            @Override public boolean closeMayOvertakeData() {
                return overtake != null ? overtake : ProviderUnderTest.super.closeMayOvertakeData();
            }
            @Override public boolean hasTimeWait() {
                return timeWait != null ? timeWait : ProviderUnderTest.super.hasTimeWait();
            }
            @Override public boolean clockDrivesDelivery() {
                return clockDriven != null ? clockDriven : ProviderUnderTest.super.clockDrivesDelivery();
            }
            @Override public boolean fdCloseAfterUnreadData() {
                return fdCloseAfterUnread != null ? fdCloseAfterUnread : ProviderUnderTest.super.fdCloseAfterUnreadData();
            }
            @Override public String toString() {
                return "ProviderUnderTest[" + factory.name() + " @ " + listenAddress + "]";
            }
        };
    }
}
