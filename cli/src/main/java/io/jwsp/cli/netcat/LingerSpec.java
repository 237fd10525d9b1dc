package io.jwsp.cli.netcat;

import io.jwsp.spi.option.Linger;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --linger off} (SO_DONTLINGER, the default) or {@code --linger on:SECONDS} (SO_LINGER l_onoff=1). */
public final class LingerSpec implements ITypeConverter<Linger> {
    @Override
    public Linger convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("off")) {
            return Linger.DONT_LINGER;
        }
        if (v.startsWith("on:")) {
            try {
                int secs = Integer.parseInt(v.substring(3));
                if (secs >= 0 && secs <= 0xFFFF) {
                    return Linger.of(secs);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new TypeConversionException("expected 'off' or 'on:SECONDS' (0..65535), got '" + value + "'");
    }
}
