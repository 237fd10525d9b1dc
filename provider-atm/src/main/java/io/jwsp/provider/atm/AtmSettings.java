package io.jwsp.provider.atm;

import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.provider.atm.sw.HandOverMessage;
import io.jwsp.provider.atm.sw.SwitchTiming;
import io.jwsp.spi.addr.InetSockAddr;
import java.util.HexFormat;
import java.util.Map;

/**
 * The provider's settings. Keys are read with or without the {@code atm.} prefix ({@code atm.devices} or
 * {@code devices}); every one has a default.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>transport</td><td>inproc</td><td>{@code inproc}: this provider instance owns its switch;
 *     {@code udp}: a switch shared between processes over UDP on 127.0.0.1</td></tr>
 * <tr><td>devices</td><td>2</td><td>adapters (switch ports) this provider holds</td></tr>
 * <tr><td>switchId</td><td>1</td><td>the last two bytes of the switch's AESA prefix 47.0005.80FFE1.0000.0000.00nn</td></tr>
 * <tr><td>cellIntervalNanos</td><td>2831</td><td>time one cell takes to leave an adapter (OC-3c)</td></tr>
 * <tr><td>dataLatencyMicros</td><td>50000</td><td>adapter to switch fabric, per VC</td></tr>
 * <tr><td>signallingLatencyMicros</td><td>1000</td><td>adapter to switch and back, each way (must be below
 *     the data latency for RELEASE to overtake data)</td></tr>
 * <tr><td>timing</td><td>(unset)</td><td>{@code immediate}: no cell interval and no latencies; everything
 *     moves as soon as the acting thread leaves the provider (for suites that never advance a virtual clock)</td></tr>
 * <tr><td>t303Millis</td><td>4000</td><td>Q.2931 T303</td></tr>
 * <tr><td>udp.role</td><td>auto</td><td>{@code switch}: host the switch on the two addresses below;
 *     {@code attach}: reach it there; {@code auto}: host it if the signalling address is free, else attach</td></tr>
 * <tr><td>udp.signalling</td><td>127.0.0.1:29310</td><td>the switch's signalling socket</td></tr>
 * <tr><td>udp.cells</td><td>127.0.0.1:29311</td><td>the switch's cell socket</td></tr>
 * <tr><td>udp.key</td><td>(unset)</td><td>the UDP carriage's key, 64 hex digits; unset: read from udp.keyFile</td></tr>
 * <tr><td>udp.keyFile</td><td>~/.jwsp/atm.key</td><td>the file holding the key, created owner-only (0600) with a
 *     random key on first use; refused when group or others may read it</td></tr>
 * <tr><td>udp.allowNonLoopback</td><td>false</td><td>whether the UDP sockets may bind and reach addresses other
 *     than loopback ones (every datagram is authenticated either way)</td></tr>
 * <tr><td>udp.keepaliveMillis</td><td>2000</td><td>a switch or attached process silent this long is gone: its calls
 *     are released (cause 41 at the attached process, 27 at the switch)</td></tr>
 * <tr><td>acceptDuplicates</td><td>false</td><td>whether this process takes VCs other processes hand it
 *     (WSADuplicateSocket into it over a switch in another process); the switch refuses a hand-over to a process
 *     that did not say so when it attached</td></tr>
 * <tr><td>duplicateTtlMillis</td><td>30000</td><td>how long a VC handed from this process waits at the switch
 *     for the target's WSASocket; then the call is released (cause 102)</td></tr>
 * <tr><td>fault.cellLossEvery</td><td>0</td><td>the switch loses every Nth cell (0: none)</td></tr>
 * <tr><td>fault.signallingSilent</td><td>false</td><td>the switch ignores SETUP (callers time out)</td></tr>
 * </table>
 */
public record AtmSettings(String transport, int devices, byte[] prefix, SwitchTiming timing, String udpRole,
                          InetSockAddr udpSignalling, InetSockAddr udpCells, long cellLossEvery,
                          boolean signallingSilent, String udpKey, String udpKeyFile,
                          boolean udpAllowNonLoopback, long udpKeepaliveMillis, boolean acceptDuplicates,
                          int duplicateTtlMillis) {
    public static final String INPROC = "inproc";
    public static final String UDP = "udp";

    public static AtmSettings from(Map<String, String> raw) {
        Reader r = new Reader(raw);
        String transport = r.get("transport", INPROC);
        if (!transport.equals(INPROC) && !transport.equals(UDP)) {
            throw new IllegalArgumentException("atm.transport is inproc or udp, not " + transport);
        }
        int devices = Integer.parseInt(r.get("devices", "2"));
        if (devices < 1 || devices > 16) {
            throw new IllegalArgumentException("atm.devices is 1..16");
        }
        String prefixHex = r.get("prefix", null);
        byte[] prefix = prefixHex != null ? HexFormat.of().parseHex(prefixHex.replace(".", ""))
                : AtmSwitch.defaultPrefix(Integer.parseInt(r.get("switchId", "1")));
        boolean immediate = r.get("timing", "").equals("immediate");
        SwitchTiming timing = immediate ? new SwitchTiming(0, 0, 0,
                Long.parseLong(r.get("t303Millis", "4000")) * 1_000_000) : new SwitchTiming(
                Long.parseLong(r.get("cellIntervalNanos", Long.toString(SwitchTiming.DEFAULT.cellIntervalNanos()))),
                Long.parseLong(r.get("dataLatencyMicros", "50000")) * 1_000,
                Long.parseLong(r.get("signallingLatencyMicros", "1000")) * 1_000,
                Long.parseLong(r.get("t303Millis", "4000")) * 1_000_000);
        return new AtmSettings(transport, devices, prefix, timing, r.get("udp.role", "auto"),
                InetSockAddr.parse(r.get("udp.signalling", "127.0.0.1:29310")),
                InetSockAddr.parse(r.get("udp.cells", "127.0.0.1:29311")),
                Long.parseLong(r.get("fault.cellLossEvery", "0")),
                Boolean.parseBoolean(r.get("fault.signallingSilent", "false")),
                r.get("udp.key", null), r.get("udp.keyFile", null),
                Boolean.parseBoolean(r.get("udp.allowNonLoopback", "false")),
                Long.parseLong(r.get("udp.keepaliveMillis", "2000")),
                Boolean.parseBoolean(r.get("acceptDuplicates", "false")), ttl(r.get("duplicateTtlMillis", "30000")));
    }

    private static int ttl(String text) {
        int ms = Integer.parseInt(text);
        if (ms < 1 || ms > HandOverMessage.MAX_TTL_MILLIS) {
            throw new IllegalArgumentException("atm.duplicateTtlMillis is 1.." + HandOverMessage.MAX_TTL_MILLIS);
        }
        return ms;
    }

    private record Reader(Map<String, String> raw) {
        String get(String key, String fallback) {
            String v = raw.get("atm." + key);
            if (v == null) {
                v = raw.get(key);
            }
            return v == null ? fallback : v.strip();
        }
    }
}
