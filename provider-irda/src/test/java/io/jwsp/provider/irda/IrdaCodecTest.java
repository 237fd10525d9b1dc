package io.jwsp.provider.irda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jwsp.provider.irda.frame.IrlapCodec;
import io.jwsp.provider.irda.ias.IasAttribute;
import io.jwsp.provider.irda.ias.IasQuery;
import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.FrameCodec;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.medium.MediumSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The byte layouts: UDP frames, DEVICELIST, IAS_SET / IAS_QUERY, and the medium's settings. */
class IrdaCodecTest {

    @Test
    void udpFrame_roundTrips_withItsSequenceNumber() {
        LmpFrame f = new LmpFrame(0x1DA00001, 0x1DA00002, LmpFrame.Kind.DATA, 0x12, 0x34, 3, new byte[] {1, 2, 3});
        byte[] air = IrlapCodec.iframe(f, 5, true, 1, 2, false);
        byte[] datagram = FrameCodec.encode(77, f.srcDevice(), f.dstDevice(), air);
        FrameCodec.Numbered n = FrameCodec.decode(datagram, datagram.length);
        assertArrayEquals(air, n.irlap(), "the datagram carries the IrLAP frame as the air does");
        assertEquals(77, n.seq());
        assertEquals(f.srcDevice(), n.frame().srcDevice());
        assertEquals(f.kind(), n.frame().kind());
        assertEquals(3, n.frame().param());
        assertArrayEquals(f.data(), n.frame().data());
        assertNull(FrameCodec.decode(new byte[] {'X', 'Y', 1}, 3), "not an IrDA datagram");
    }

    @Test
    void deviceList_roundTrips_andCountsTheEntriesThatFit() {
        DeviceList list = new DeviceList(List.of(DeviceInfo.computer(0x01020304, "alpha"),
                new DeviceInfo(0x0A0B0C0D, "beta", 0x84, 0x02, 0)));
        byte[] buf = new byte[4 + 2 * 29];
        assertEquals(buf.length, DeviceList.CODEC.encode(list, buf));
        assertEquals(list, DeviceList.CODEC.decode(buf, buf.length));
        byte[] small = new byte[4 + 29];
        DeviceList.CODEC.encode(list, small);
        assertEquals(List.of(list.devices().getFirst()), DeviceList.CODEC.decode(small, small.length).devices());
    }

    @Test
    void iasSetAndQuery_rawLayouts_roundTrip() {
        for (IasValue v : List.of(new IasValue.IntValue(-5), new IasValue.OctetSeq(new byte[] {9, 8, 7}),
                new IasValue.UserString(1, "text"))) {
            IasAttribute a = new IasAttribute("Class", "Attr", v);
            byte[] b = new byte[IasCodecs.SET.size()];
            IasCodecs.SET.encode(a, b);
            assertEquals(a, IasCodecs.SET.decode(b, b.length));
            IasQuery q = new IasQuery(0x11223344, "Class", "Attr", v);
            byte[] qb = new byte[IasCodecs.QUERY.size()];
            IasCodecs.QUERY.encode(q, qb);
            assertEquals(q, IasCodecs.QUERY.decode(qb, qb.length));
            assertEquals(v, IasValue.fromBytes(v.toBytes(), 0), "the IAS answer frame's form");
        }
        assertEquals(1352, IasCodecs.SET.size());
        assertEquals(1356, IasCodecs.QUERY.size());
    }

    @Test
    void mediumSettings_defaults_andUdpDeviceIdFromThePort() {
        MediumSettings d = MediumSettings.defaults();
        assertEquals(115200, d.baud());
        assertEquals(4, d.initialCredit());
        assertEquals(2, d.localDevices());
        assertEquals(2045, d.maxSdu());
        MediumSettings u = MediumSettings.from(Map.of("udp.bind", "127.0.0.1:4711"));
        assertEquals(1, u.localDevices());
        assertEquals(0x1DA00000 | 4711, u.firstDeviceId());
        assertEquals(0x0000BEEF, MediumSettings.from(Map.of("irda.device", "0000BEEF")).firstDeviceId());
    }
}
