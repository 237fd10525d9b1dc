package io.jwsp.spi.ext;

import io.jwsp.spi.option.IoControl;
import java.util.UUID;

/** SIO_GET_EXTENSION_FUNCTION_POINTER: a GUID in, the function object out (WSAEINVAL for an unknown GUID). */
public final class ExtensionIoctl {
    /** _WSAIORW(IOC_WS2, 6). */
    public static final IoControl<UUID, ExtensionFunction> SIO_GET_EXTENSION_FUNCTION_POINTER =
            new IoControl<>(0xC8000006, "SIO_GET_EXTENSION_FUNCTION_POINTER", UUID.class, ExtensionFunction.class);

    private ExtensionIoctl() {
    }
}
