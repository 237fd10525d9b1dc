package io.jwsp.spi.ext;

import java.util.Objects;
import java.util.UUID;

/**
 * One extension function as a provider offers it: its GUID and the interface of its function object.
 *
 * @param guid the WSAID_* GUID ({@link ExtensionGuids})
 * @param type the function object's interface
 * @param <F>  that interface
 */
public record ExtensionId<F extends ExtensionFunction>(UUID guid, Class<F> type) {
    public ExtensionId {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(type, "type");
    }

    /** The function's name in mswsock.h. */
    public String name() {
        return ExtensionGuids.name(guid);
    }

    @Override
    public String toString() {
        return name();
    }
}
