package io.jwsp.provider.irda;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.spi.option.OptionCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * IRLMP_ENUMDEVICES' answer (DEVICELIST): the devices discovery found. Zero devices is a success.
 *
 * <p>Raw layout ({@link #CODEC}): {@code ULONG numDevice}, then 29-byte IRDA_DEVICE_INFO entries
 * {@code irdaDeviceID[4], irdaDeviceName[22], irdaDeviceHints1, irdaDeviceHints2, irdaCharSet}. A buffer shorter
 * than the 4-byte header is WSAEFAULT (the codec's size); a longer one gets as many entries as fit, and numDevice
 * says how many it got.
 */
public record DeviceList(List<DeviceInfo> devices) {
    public static final int HEADER = 4;
    public static final int ENTRY = 29;

    public DeviceList {
        devices = List.copyOf(devices);
    }

    public int numDevice() {
        return devices.size();
    }

    public static final OptionCodec<DeviceList> CODEC = new OptionCodec<>() {
        @Override
        public int size() {
            return HEADER;
        }

        @Override
        public DeviceList decode(byte[] buf, int len) {
            int n = Math.min(OptionCodec.INT.decode(buf, 4), (len - HEADER) / ENTRY);
            List<DeviceInfo> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int o = HEADER + i * ENTRY;
                int id = (buf[o] & 0xFF) << 24 | (buf[o + 1] & 0xFF) << 16 | (buf[o + 2] & 0xFF) << 8 | buf[o + 3] & 0xFF;
                int end = o + 4;
                while (end < o + 4 + DeviceInfo.NICKNAME_BYTES && buf[end] != 0) {
                    end++;
                }
                String name = new String(buf, o + 4, end - (o + 4), StandardCharsets.ISO_8859_1);
                out.add(new DeviceInfo(id, name, buf[o + 26] & 0xFF, buf[o + 27] & 0xFF, buf[o + 28] & 0xFF));
            }
            return new DeviceList(out);
        }

        @Override
        public int encode(DeviceList value, byte[] buf) {
            if (buf.length < HEADER) {
                return 0;
            }
            int fit = Math.min(value.devices.size(), (buf.length - HEADER) / ENTRY);
            OptionCodec.INT.encode(fit, buf);
            for (int i = 0; i < fit; i++) {
                DeviceInfo d = value.devices.get(i);
                int o = HEADER + i * ENTRY;
                buf[o] = (byte) (d.id() >>> 24);
                buf[o + 1] = (byte) (d.id() >>> 16);
                buf[o + 2] = (byte) (d.id() >>> 8);
                buf[o + 3] = (byte) d.id();
                byte[] name = d.nickname().getBytes(StandardCharsets.ISO_8859_1);
                java.util.Arrays.fill(buf, o + 4, o + 26, (byte) 0);
                System.arraycopy(name, 0, buf, o + 4, Math.min(name.length, DeviceInfo.NICKNAME_BYTES));
                buf[o + 26] = (byte) d.hints1();
                buf[o + 27] = (byte) d.hints2();
                buf[o + 28] = (byte) d.charset();
            }
            return HEADER + fit * ENTRY;
        }

        @Override
        public Class<DeviceList> type() {
            return DeviceList.class;
        }
    };
}
