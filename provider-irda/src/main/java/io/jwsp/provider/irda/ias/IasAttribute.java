package io.jwsp.provider.irda.ias;

import java.util.Objects;

/** IAS_SET's value: an attribute to publish in the local device's IAS under a class. */
public record IasAttribute(String className, String attributeName, IasValue value) {
    public static final int MAX_CLASS_NAME = 64;
    public static final int MAX_ATTRIBUTE_NAME = 256;

    public IasAttribute {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(attributeName, "attributeName");
        Objects.requireNonNull(value, "value");
    }
}
