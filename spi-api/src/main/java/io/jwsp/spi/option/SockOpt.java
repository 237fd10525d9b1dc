package io.jwsp.spi.option;

import java.util.Objects;

/**
 * A typed socket option key: level, option number, symbol, and the codec of its raw form. Two keys are the same
 * option when level and number agree. Providers may define their own (IrDA's IRLMP_*, say) beside
 * {@link SocketOptions}.
 *
 * @param <T> the value type
 */
public final class SockOpt<T> {
    private final int level;
    private final int name;
    private final String symbol;
    private final OptionCodec<T> codec;

    public SockOpt(int level, int name, String symbol, OptionCodec<T> codec) {
        this.level = level;
        this.name = name;
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.codec = codec;
    }

    public int level() {
        return level;
    }

    public int name() {
        return name;
    }

    public String symbol() {
        return symbol;
    }

    /** The raw layout, or {@code null} for an option that has no flat byte form. */
    public OptionCodec<T> codec() {
        return codec;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SockOpt<?> k && k.level == level && k.name == name;
    }

    @Override
    public int hashCode() {
        return level * 31 + name;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
