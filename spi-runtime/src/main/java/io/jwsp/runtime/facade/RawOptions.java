package io.jwsp.runtime.facade;

import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;

/**
 * setsockopt and getsockopt with a raw {@code optval}: the option is looked up in the socket's base provider's
 * table and its codec turns bytes into the typed value and back. The checks come in Winsock's order once the
 * handle passed: a known option with a byte form (else WSAENOPROTOOPT), then an optval of at least the option's
 * size and no shorter than {@code optlen} (else WSAEFAULT).
 */
final class RawOptions {
    private RawOptions() {
    }

    static WspResult<Void> set(OpenSocket o, int level, int optname, byte[] optval, int optlen) {
        SockOpt<?> option = o.rawOption(level, optname);
        WsaError refusal = refusal(option, optval, optlen);
        return refusal != null ? Failures.of(refusal) : decodeAndSet(o.socket(), option, optval, optlen);
    }

    /** Answers the length written. */
    static WspResult<Integer> get(OpenSocket o, int level, int optname, byte[] optval, int optlen) {
        SockOpt<?> option = o.rawOption(level, optname);
        WsaError refusal = refusal(option, optval, optlen);
        return refusal != null ? Failures.of(refusal) : getAndEncode(o.socket(), option, optval, optlen);
    }

    private static WsaError refusal(SockOpt<?> option, byte[] optval, int optlen) {
        if (option == null || option.codec() == null) {
            return WsaError.WSAENOPROTOOPT;
        }
        if (optval == null || optlen < option.codec().size() || optlen > optval.length) {
            return WsaError.WSAEFAULT;
        }
        return null;
    }

    private static <T> WspResult<Void> decodeAndSet(WspSocket ws, SockOpt<T> option, byte[] optval, int optlen) {
        return ws.setSockOpt(option, option.codec().decode(optval, optlen));
    }

    /** Encodes into the first {@code optlen} bytes only: a codec never writes past the length the caller gave. */
    private static <T> WspResult<Integer> getAndEncode(WspSocket ws, SockOpt<T> option, byte[] optval, int optlen) {
        WspResult<T> r = ws.getSockOpt(option);
        if (r == null || !r.isOk()) {
            return r == null ? null : r.retype();
        }
        if (r.value() == null) {
            return Failures.of(WsaError.WSASYSCALLFAILURE);
        }
        OptionCodec<T> codec = option.codec();
        if (optlen == optval.length) {
            return WspResult.ok(codec.encode(r.value(), optval));
        }
        byte[] window = new byte[optlen];
        int written = codec.encode(r.value(), window);
        System.arraycopy(window, 0, optval, 0, written);
        return WspResult.ok(written);
    }
}
