package io.jwsp.spi.kit.ext;

import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionId;
import io.jwsp.spi.ext.ExtensionIoctl;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The extension functions one provider offers: what its WSPIoctl answers to SIO_GET_EXTENSION_FUNCTION_POINTER
 * ({@link #answer}) and what its catalog entries declare ({@link #declare}), from one table so the two cannot
 * disagree. A provider builds it once ({@code ExtensionTable.builder().offer(AcceptEx.ID, fn)...build()}) and starts
 * its socket's {@code ioctl} with {@code table.answer(code, input)}.
 */
public final class ExtensionTable {
    private static final ExtensionTable NONE = new ExtensionTable(Map.of());

    private final Map<UUID, ExtensionFunction> functions;

    private ExtensionTable(Map<UUID, ExtensionFunction> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** A provider that offers no extension function: every GUID answers WSAEINVAL. */
    public static ExtensionTable none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The GUIDs offered. */
    public Set<UUID> guids() {
        return functions.keySet();
    }

    /** {@code info} declaring exactly the functions of this table. */
    public ProtocolInfo declare(ProtocolInfo info) {
        return info.withExtensionFunctions(guids());
    }

    /**
     * WSPIoctl's answer when {@code code} is SIO_GET_EXTENSION_FUNCTION_POINTER: the function object for the GUID
     * {@code input}; a GUID not offered is WSAEINVAL (Windows' answer for an unknown GUID), a {@code null} one
     * WSAEFAULT. For any other code: {@code null}, and the provider goes on with its own ioctls.
     */
    public <I, O> WspResult<O> answer(IoControl<I, O> code, I input) {
        if (!ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER.equals(code)) {
            return null;
        }
        if (!(input instanceof UUID guid)) {
            return WspResult.fail(WsaError.WSAEFAULT);
        }
        ExtensionFunction f = functions.get(guid);
        return f == null ? WspResult.fail(WsaError.WSAEINVAL) : WspResult.ok(code.outputType().cast(f));
    }

    /** Collects the functions a provider offers. */
    public static final class Builder {
        private final Map<UUID, ExtensionFunction> functions = new LinkedHashMap<>();

        /** Offers {@code function} for {@code id}'s GUID (again: the later one). */
        public <F extends ExtensionFunction> Builder offer(ExtensionId<F> id, F function) {
            functions.put(id.guid(), id.type().cast(Objects.requireNonNull(function, "function")));
            return this;
        }

        /** The function offered so far for {@code id}, or {@code null}. */
        public <F extends ExtensionFunction> F offered(ExtensionId<F> id) {
            ExtensionFunction f = functions.get(id.guid());
            return id.type().isInstance(f) ? id.type().cast(f) : null;
        }

        public ExtensionTable build() {
            return functions.isEmpty() ? NONE : new ExtensionTable(functions);
        }
    }
}
