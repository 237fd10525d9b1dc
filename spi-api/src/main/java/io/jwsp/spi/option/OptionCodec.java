package io.jwsp.spi.option;

/**
 * How an option's typed value is laid out in the raw {@code optval} buffer of setsockopt/getsockopt
 * (little-endian, as on Windows). A buffer shorter than {@link #size()} is WSAEFAULT at the API layer.
 */
public interface OptionCodec<T> {
    /** The length in bytes the value needs. */
    int size();

    T decode(byte[] buf, int len);

    /** Writes the value and answers the number of bytes written (at most {@code buf.length}). */
    int encode(T value, byte[] buf);

    Class<T> type();

    OptionCodec<Integer> INT = new OptionCodec<>() {
        @Override public int size() { return 4; }
        @Override public Integer decode(byte[] b, int len) {
            return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
        }
        @Override public int encode(Integer v, byte[] b) {
            int x = v;
            b[0] = (byte) x; b[1] = (byte) (x >>> 8); b[2] = (byte) (x >>> 16); b[3] = (byte) (x >>> 24);
            return 4;
        }
        @Override public Class<Integer> type() { return Integer.class; }
    };

    /** BOOL: any non-zero int is true. Windows also accepts a 1-byte BOOL on set; jwsp asks for 4 bytes. */
    OptionCodec<Boolean> BOOL = new OptionCodec<>() {
        @Override public int size() { return 4; }
        @Override public Boolean decode(byte[] b, int len) { return INT.decode(b, len) != 0; }
        @Override public int encode(Boolean v, byte[] b) { return INT.encode(v ? 1 : 0, b); }
        @Override public Class<Boolean> type() { return Boolean.class; }
    };

    /** struct linger { u_short l_onoff; u_short l_linger; }. */
    OptionCodec<Linger> LINGER = new OptionCodec<>() {
        @Override public int size() { return 4; }
        @Override public Linger decode(byte[] b, int len) {
            int onoff = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
            int secs = (b[2] & 0xFF) | (b[3] & 0xFF) << 8;
            return new Linger(onoff != 0, secs);
        }
        @Override public int encode(Linger v, byte[] b) {
            int on = v.onOff() ? 1 : 0;
            b[0] = (byte) on; b[1] = 0; b[2] = (byte) v.seconds(); b[3] = (byte) (v.seconds() >>> 8);
            return 4;
        }
        @Override public Class<Linger> type() { return Linger.class; }
    };
}
