package io.jwsp.spi.kit.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionIoctl;
import io.jwsp.spi.ext.accept.GetAcceptExSockaddrs;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SIO_GET_EXTENSION_FUNCTION_POINTER's answers from one table. */
class ExtensionTableTest {
    private final GetAcceptExSockaddrs fn = new KitGetAcceptExSockaddrs(new InetSockAddrLayout());
    private final ExtensionTable table = ExtensionTable.builder().offer(GetAcceptExSockaddrs.ID, fn).build();

    @Test
    void offeredGuid_answersItsFunction_othersWSAEINVAL() {
        assertSame(fn, table.answer(ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER,
                ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS).value());
        assertEquals(WsaError.WSAEINVAL, table.answer(ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER,
                ExtensionGuids.WSAID_ACCEPTEX).error());
        assertEquals(WsaError.WSAEINVAL, table.answer(ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER,
                UUID.randomUUID()).error());
        assertEquals(WsaError.WSAEFAULT, table.answer(ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER, null)
                .error());
        assertEquals(Set.of(ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS), table.guids());
    }

    @Test
    void anotherIoctl_isLeftToTheProvider() {
        assertNull(table.answer(IoControls.FIONREAD, null));
        assertEquals(WsaError.WSAEINVAL, ExtensionTable.none().answer(ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER,
                ExtensionGuids.WSAID_ACCEPTEX).error());
    }
}
