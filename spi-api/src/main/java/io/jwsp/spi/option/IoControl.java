package io.jwsp.spi.option;

import java.util.Objects;

/**
 * A typed ioctl code: the Windows number, its symbol, and the types of its input and output. {@code Void} means
 * the call takes (or gives) nothing.
 */
public final class IoControl<I, O> {
    private final int code;
    private final String symbol;
    private final Class<I> input;
    private final Class<O> output;

    public IoControl(int code, String symbol, Class<I> input, Class<O> output) {
        this.code = code;
        this.symbol = Objects.requireNonNull(symbol);
        this.input = Objects.requireNonNull(input);
        this.output = Objects.requireNonNull(output);
    }

    public int code() {
        return code;
    }

    public String symbol() {
        return symbol;
    }

    public Class<I> inputType() {
        return input;
    }

    public Class<O> outputType() {
        return output;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IoControl<?, ?> c && c.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
