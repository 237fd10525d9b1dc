package io.jwsp.provider.irda;

import io.jwsp.provider.irda.ias.IasAttribute;
import io.jwsp.provider.irda.ias.IasQuery;
import io.jwsp.provider.irda.ias.IasValue;
import io.jwsp.spi.option.OptionCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The raw layouts of IAS_SET and IAS_QUERY (af_irda.h, little-endian, natural alignment):
 * <pre>
 * IAS_SET:   char irdaClassName[64]; char irdaAttribName[256]; ULONG irdaAttribType; union irdaAttribute  (1352)
 * IAS_QUERY: u_char irdaDeviceID[4]; char irdaClassName[64]; char irdaAttribName[256]; ULONG irdaAttribType;
 *            union irdaAttribute                                                                        (1356)
 * union: LONG irdaAttribInt | { u_short Len; u_char OctetSeq[1024]; } | { u_char Len; u_char CharSet;
 *        u_char UsrStr[256]; }
 * </pre>
 */
final class IasCodecs {
    private static final int CLASS = 64;
    private static final int ATTRIB = 256;
    private static final int UNION = 1028;

    private IasCodecs() {
    }

    static final OptionCodec<IasAttribute> SET = new OptionCodec<>() {
        @Override
        public int size() {
            return CLASS + ATTRIB + 4 + UNION;
        }

        @Override
        public IasAttribute decode(byte[] b, int len) {
            return new IasAttribute(cString(b, 0, CLASS), cString(b, CLASS, ATTRIB), value(b, CLASS + ATTRIB));
        }

        @Override
        public int encode(IasAttribute v, byte[] b) {
            Arrays.fill(b, 0, Math.min(b.length, size()), (byte) 0);
            putString(b, 0, CLASS, v.className());
            putString(b, CLASS, ATTRIB, v.attributeName());
            putValue(b, CLASS + ATTRIB, v.value());
            return size();
        }

        @Override
        public Class<IasAttribute> type() {
            return IasAttribute.class;
        }
    };

    static final OptionCodec<IasQuery> QUERY = new OptionCodec<>() {
        @Override
        public int size() {
            return 4 + CLASS + ATTRIB + 4 + UNION;
        }

        @Override
        public IasQuery decode(byte[] b, int len) {
            int id = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
            int type = OptionCodec.INT.decode(Arrays.copyOfRange(b, 4 + CLASS + ATTRIB, 8 + CLASS + ATTRIB), 4);
            boolean answered = type == IasValue.IAS_ATTRIB_INT || type == IasValue.IAS_ATTRIB_OCTETSEQ
                    || type == IasValue.IAS_ATTRIB_STR || type == IasValue.IAS_ATTRIB_NO_CLASS;
            return new IasQuery(id, cString(b, 4, CLASS), cString(b, 4 + CLASS, ATTRIB),
                    answered ? value(b, 4 + CLASS + ATTRIB) : null);
        }

        @Override
        public int encode(IasQuery q, byte[] b) {
            Arrays.fill(b, 0, Math.min(b.length, size()), (byte) 0);
            b[0] = (byte) (q.deviceId() >>> 24);
            b[1] = (byte) (q.deviceId() >>> 16);
            b[2] = (byte) (q.deviceId() >>> 8);
            b[3] = (byte) q.deviceId();
            putString(b, 4, CLASS, q.className());
            putString(b, 4 + CLASS, ATTRIB, q.attributeName());
            putValue(b, 4 + CLASS + ATTRIB, q.answer() == null ? new IasValue.NoAttribute() : q.answer());
            return size();
        }

        @Override
        public Class<IasQuery> type() {
            return IasQuery.class;
        }
    };

    private static String cString(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    private static void putString(byte[] b, int off, int max, String s) {
        byte[] v = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(v, 0, b, off, Math.min(v.length, max - 1));
    }

    private static IasValue value(byte[] b, int off) {
        int type = le32(b, off);
        int u = off + 4;
        return switch (type) {
            case IasValue.IAS_ATTRIB_INT -> new IasValue.IntValue(le32(b, u));
            case IasValue.IAS_ATTRIB_OCTETSEQ -> {
                int n = Math.min((b[u] & 0xFF) | (b[u + 1] & 0xFF) << 8, IasValue.MAX_OCTET_STRING);
                yield new IasValue.OctetSeq(Arrays.copyOfRange(b, u + 2, u + 2 + n));
            }
            case IasValue.IAS_ATTRIB_STR -> {
                int n = b[u] & 0xFF;
                yield new IasValue.UserString(b[u + 1] & 0xFF,
                        new String(b, u + 2, n, StandardCharsets.ISO_8859_1));
            }
            case IasValue.IAS_ATTRIB_NO_CLASS -> new IasValue.NoClass();
            default -> new IasValue.NoAttribute();
        };
    }

    private static void putValue(byte[] b, int off, IasValue v) {
        le32(b, off, v.type());
        int u = off + 4;
        switch (v) {
            case IasValue.IntValue i -> le32(b, u, i.value());
            case IasValue.OctetSeq s -> {
                byte[] bytes = s.bytes();
                b[u] = (byte) bytes.length;
                b[u + 1] = (byte) (bytes.length >>> 8);
                System.arraycopy(bytes, 0, b, u + 2, Math.min(bytes.length, IasValue.MAX_OCTET_STRING));
            }
            case IasValue.UserString s -> {
                byte[] bytes = s.text().getBytes(StandardCharsets.ISO_8859_1);
                int n = Math.min(bytes.length, IasValue.MAX_USER_STRING);
                b[u] = (byte) n;
                b[u + 1] = (byte) s.charset();
                System.arraycopy(bytes, 0, b, u + 2, n);
            }
            case IasValue.NoAttribute n -> { }
            case IasValue.NoClass n -> { }
        }
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private static void le32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
