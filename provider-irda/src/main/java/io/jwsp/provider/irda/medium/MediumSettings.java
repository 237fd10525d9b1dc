package io.jwsp.provider.irda.medium;

import java.time.Duration;
import java.util.Map;

/**
 * The simulated medium's knobs, read from the provider settings ({@code jwsp.irda.<key>}, or the runtime builder's
 * {@code irda.<key>}).
 *
 * @param baud            line rate in bit/s (10 bits per byte, as SIR framing); 0 delivers frames at once
 * @param dataSize        IrLAP data size (64..2048): the largest frame payload, IrLMP and TinyTP headers included
 * @param window          IrLAP window (1..7): I-frames sent before the receiver's RR turns the line round
 * @param thresholdNanos  IrLAP disconnect threshold: how long a link may be silent (out of range) before it fails
 * @param initialCredit   TinyTP credit each side grants at connect (CE 4, Linux 16); at most 127
 * @param localDevices    how many simulated devices this space owns
 * @param firstDeviceId   the first local device's address (the rest count up)
 * @param nickname        the first local device's nickname (the rest get {@code -2}, {@code -3} ...)
 * @param udpBind         {@code host:port} of this process's UDP medium endpoint, or {@code null} (in-process)
 * @param udpPeer         {@code host:port} of the peer process's endpoint, or {@code null}
 * @param discoveryNanos  how long discovery over UDP waits for answers
 * @param sendBuffer      default SO_SNDBUF: bytes TinyTP queues before send blocks
 * @param stallNanos      a closed socket's drain gives up (DISCONNECT at once) after this long without progress
 *                        (CE's 1-second timer); 0 waits as long as it takes
 * @param udpKey          the UDP carriage's key, 64 hex digits, or {@code null}: read from {@code udpKeyFile}
 * @param udpKeyFile      the file holding the key (created owner-only on first use), or {@code null}:
 *                        {@code ~/.jwsp/irda.key}
 * @param udpAllowNonLoopback whether the UDP medium may bind and reach addresses other than loopback ones
 */
public record MediumSettings(int baud, int dataSize, int window, long thresholdNanos, int initialCredit,
                             int localDevices, int firstDeviceId, String nickname, String udpBind, String udpPeer,
                             long discoveryNanos, int sendBuffer, long stallNanos, String udpKey,
                             String udpKeyFile, boolean udpAllowNonLoopback) {
    public static final int DEFAULT_FIRST_DEVICE = 0x1DA00001;

    public MediumSettings {
        if (baud < 0) {
            throw new IllegalArgumentException("baud < 0");
        }
        if (dataSize < 64 || dataSize > 2048) {
            throw new IllegalArgumentException("IrLAP data size is 64..2048: " + dataSize);
        }
        if (window < 1 || window > 7) {
            throw new IllegalArgumentException("IrLAP window is 1..7: " + window);
        }
        if (initialCredit < 1 || initialCredit > 127) {
            throw new IllegalArgumentException("TinyTP credit is 1..127: " + initialCredit);
        }
        if (localDevices < 1) {
            throw new IllegalArgumentException("a space needs a device");
        }
    }

    public static MediumSettings defaults() {
        return from(Map.of());
    }

    /** Reads the settings; keys may carry the {@code irda.} prefix or not. */
    public static MediumSettings from(Map<String, String> s) {
        String bind = get(s, "udp.bind", null);
        int firstDefault = DEFAULT_FIRST_DEVICE;
        if (bind != null) {
            // one device per process, named after its UDP port so two processes never clash by default
            int port = Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1));
            firstDefault = 0x1DA00000 | (port & 0xFFFF);
        }
        String dev = get(s, "device", null);
        return new MediumSettings(
                Integer.parseInt(get(s, "baud", "115200")),
                Integer.parseInt(get(s, "dataSize", "2048")),
                Integer.parseInt(get(s, "window", "7")),
                Duration.ofMillis(Long.parseLong(get(s, "thresholdMs", "3000"))).toNanos(),
                Integer.parseInt(get(s, "credit", "4")),
                Integer.parseInt(get(s, "devices", bind != null ? "1" : "2")),
                dev == null ? firstDefault : DeviceInfo.parseId(dev),
                get(s, "nickname", "jwsp"),
                bind,
                get(s, "udp.peer", null),
                Duration.ofMillis(Long.parseLong(get(s, "discoveryMs", "500"))).toNanos(),
                Integer.parseInt(get(s, "sndbuf", "16384")),
                Duration.ofMillis(Long.parseLong(get(s, "stallMs", "0"))).toNanos(),
                get(s, "udp.key", null),
                get(s, "udp.keyFile", null),
                Boolean.parseBoolean(get(s, "udp.allowNonLoopback", "false")));
    }

    private static String get(Map<String, String> s, String key, String fallback) {
        String v = s.get(key);
        if (v == null) {
            v = s.get("irda." + key);
        }
        return v == null ? fallback : v.trim();
    }

    public boolean timed() {
        return baud > 0;
    }

    public boolean overUdp() {
        return udpBind != null;
    }

    /** Air time of {@code bytes} at this rate (10 bits per byte); 0 when untimed. */
    public long airNanos(int bytes) {
        return baud == 0 ? 0 : bytes * 10L * 1_000_000_000L / baud;
    }

    /** The largest user payload of one TinyTP data frame: the data size less IrLMP (2) and TinyTP (1) headers. */
    public int maxSdu() {
        return dataSize - 3;
    }
}
