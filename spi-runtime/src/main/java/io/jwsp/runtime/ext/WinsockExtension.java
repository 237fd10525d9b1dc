package io.jwsp.runtime.ext;

import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import java.util.Objects;
import java.util.UUID;

/**
 * One extension function as the application asks for it ({@link io.jwsp.runtime.Winsock#extensionFunction}): its
 * GUID and the type of the function object the facade answers.
 */
public record WinsockExtension<A extends ExtensionFunction>(UUID guid, Class<A> type) {
    public WinsockExtension {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(type, "type");
    }

    public String name() {
        return ExtensionGuids.name(guid);
    }
}
