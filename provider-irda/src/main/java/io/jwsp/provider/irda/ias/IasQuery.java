package io.jwsp.provider.irda.ias;

import java.util.Objects;

/**
 * IAS_QUERY: the question (device, class, attribute) and, once answered, the value. The answer is
 * {@link IasValue.NoClass} or {@link IasValue.NoAttribute} when the peer's IAS has none.
 */
public record IasQuery(int deviceId, String className, String attributeName, IasValue answer) {
    public IasQuery {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(attributeName, "attributeName");
    }

    public static IasQuery ask(int deviceId, String className, String attributeName) {
        return new IasQuery(deviceId, className, attributeName, null);
    }

    public IasQuery answered(IasValue value) {
        return new IasQuery(deviceId, className, attributeName, value);
    }
}
