package io.jwsp.provider.irda;

import io.jwsp.provider.irda.ias.IasQuery;
import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Which local device a socket reaches another device from, and what it learns on the way: discovery (over UDP, the
 * other process's devices), IRLMP_ENUMDEVICES, IRLMP_IAS_QUERY. IrDA's own: no other provider picks a source
 * device. Every method runs with the space's lock held; its waits go through the asking socket's blocking call.
 */
final class DeviceRoutes {
    /** The asking socket's blocking wait: {@code null} once {@code done} holds, else why it ended. */
    @FunctionalInterface
    interface Wait {
        WsaError await(BooleanSupplier done, long timeoutNanos);
    }

    /** Where a connection leaves from: a local device, or why there is none. */
    record Source(int device, WsaError error) {
    }

    private final IrdaProvider provider;
    private final IrSpace space;
    private final IrlmpStack stack;

    DeviceRoutes(IrdaProvider provider) {
        this.provider = provider;
        this.space = provider.space();
        this.stack = provider.stack();
    }

    /**
     * The device a socket on {@code own} reaches {@code target} from, after a discovery over UDP when the target
     * is not known yet; WSAEADDRNOTAVAIL when it stays unknown.
     */
    Source reach(int own, int target, boolean needsSelector, Wait wait) {
        if (!space.isKnown(target) && space.overTransport()) {
            discoverRemote(() -> space.isKnown(target), wait);
        }
        if (!space.isKnown(target)) {
            return new Source(0, WsaError.WSAEADDRNOTAVAIL);
        }
        return sourceDeviceFor(own, target, needsSelector);
    }

    /**
     * The local device a connection to {@code target} leaves from: {@code own} when it is in range, else another
     * local device in range (a device cannot call itself, so within one space a client reaches a service of device
     * A from device B). With {@code needsSelector}, a device whose 111 selectors are all taken is passed over for
     * the next one in range, as a host with several adapters would.
     */
    private Source sourceDeviceFor(int own, int target, boolean needsSelector) {
        List<Integer> candidates = new ArrayList<>();
        candidates.add(own);
        for (DeviceInfo d : space.localDevices()) {
            if (d.id() != own) {
                candidates.add(d.id());
            }
        }
        boolean other = false;
        boolean inRange = false;
        for (int d : candidates) {
            if (d == target || !space.isLocal(d)) {
                continue;
            }
            other = true;
            if (space.inRange(d, target)) {
                inRange = true;
                if (!needsSelector || stack.hasFreeLsap(d)) {
                    return new Source(d, null);
                }
            }
        }
        // no other device: nothing to call from; none in range: nobody answers; all selectors taken (every one of
        // 0x01..0x6F holds a socket or a connection still ending): no resource for another connection
        return new Source(0, !other ? WsaError.WSAEADDRNOTAVAIL : !inRange ? WsaError.WSAETIMEDOUT
                : WsaError.WSAENOBUFS);
    }

    /**
     * Discovery over the UDP medium: XID commands to the peer process, repeated in five slots of the discovery
     * window (the peer may still be starting), until {@code found} holds or an answer changes what is known.
     */
    private void discoverRemote(BooleanSupplier found, Wait wait) {
        long slot = Math.max(1, provider.settings().discoveryNanos() / 5);
        for (int i = 0; i < 5 && !found.getAsBoolean(); i++) {
            int gen = space.requestRemoteDiscovery();
            WsaError e = wait.await(() -> found.getAsBoolean() || space.discoveryGeneration() != gen, slot);
            if (e == null || e == WsaError.WSAEINTR) {
                return;
            }
        }
    }

    /** IRLMP_ENUMDEVICES: one discovery from {@code own}; over UDP, waits for other processes' answers. */
    DeviceList enumerate(int own, Wait wait) {
        if (space.overTransport()) {
            discoverRemote(() -> false, wait);
        }
        return new DeviceList(space.discover(own));
    }

    /** IRLMP_IAS_QUERY: GetValueByClass to the asked device's IAS, over the link from a device in its range. */
    WspResult<IasQuery> queryIas(IasQuery q, int own, Wait wait) {
        Source from = reach(own, q.deviceId(), false, wait);
        if (from.error() != null) {
            return WspResult.fail(from.error());
        }
        IasValue[] answer = new IasValue[1];
        Consumer<IasValue> onAnswer = v -> answer[0] = v;
        stack.queryIas(from.device(), 0, q.deviceId(), q.className(), q.attributeName(), onAnswer);
        WsaError e = wait.await(() -> answer[0] != null, 2 * provider.settings().thresholdNanos()
                + provider.settings().airNanos(2 * provider.settings().dataSize()));
        if (e != null) {
            stack.abandonIas(onAnswer);
            return WspResult.fail(e);
        }
        return WspResult.ok(q.answered(answer[0]));
    }
}
