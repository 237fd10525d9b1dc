package io.jwsp.provider.irda;

import io.jwsp.provider.irda.ias.IasAttribute;
import io.jwsp.provider.irda.ias.IasQuery;
import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SockOpt;
import java.util.List;

/** The SOL_IRLMP options (Windows numbers; Linux's SOL_IRLMP is 266, never used here). */
public final class IrdaOptions {
    public static final int SOL_IRLMP = 0xFF;

    /** get: discovery; the devices in range now. */
    public static final SockOpt<DeviceList> IRLMP_ENUMDEVICES =
            new SockOpt<>(SOL_IRLMP, 0x10, "IRLMP_ENUMDEVICES", DeviceList.CODEC);
    /** set: publish an attribute in this device's IAS; it goes when the socket closes. */
    public static final SockOpt<IasAttribute> IRLMP_IAS_SET =
            new SockOpt<>(SOL_IRLMP, 0x11, "IRLMP_IAS_SET", IasCodecs.SET);
    /**
     * get: ask a device's IAS. Windows passes the question in the getsockopt buffer; jwsp's typed getsockopt has no
     * input, so the question is set first ({@code setSockOpt(IRLMP_IAS_QUERY, IasQuery.ask(...))}) and the get
     * answers it.
     */
    public static final SockOpt<IasQuery> IRLMP_IAS_QUERY =
            new SockOpt<>(SOL_IRLMP, 0x12, "IRLMP_IAS_QUERY", IasCodecs.QUERY);
    /** get: the largest payload one send puts in a frame. */
    public static final SockOpt<Integer> IRLMP_SEND_PDU_LEN =
            new SockOpt<>(SOL_IRLMP, 0x13, "IRLMP_SEND_PDU_LEN", OptionCodec.INT);

    public static final List<SockOpt<?>> ALL =
            List.of(IRLMP_ENUMDEVICES, IRLMP_IAS_SET, IRLMP_IAS_QUERY, IRLMP_SEND_PDU_LEN);

    private IrdaOptions() {
    }
}
