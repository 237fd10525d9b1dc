package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.ext.WinsockExtension;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.ext.ExtensionFunction;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.ExtensionIoctl;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER): every GUID the entry under test lists is answered with a function
 * object, every mswsock.h GUID it does not list with WSAEINVAL (Windows' answer for a GUID the provider does not
 * know) or WSAEOPNOTSUPP, so the catalog and WSPIoctl never disagree.
 */
public abstract class ExtensionLookupContract extends CancelIoContract {
    static final List<UUID> MSWSOCK = List.of(ExtensionGuids.WSAID_ACCEPTEX, ExtensionGuids.WSAID_GETACCEPTEXSOCKADDRS,
            ExtensionGuids.WSAID_CONNECTEX, ExtensionGuids.WSAID_DISCONNECTEX, ExtensionGuids.WSAID_TRANSMITFILE,
            ExtensionGuids.WSAID_TRANSMITPACKETS);

    /** An AcceptEx address slot: room for any provider's address plus the 16 bytes AcceptEx asks for. */
    protected static final int ADDRESS_SLOT = 256;

    /**
     * The catalog entry socket() chooses for {@code declared}'s address family, type and protocol: the first in
     * catalog order, which is {@code declared} itself or a protocol chain installed before it (a chain's entry lists
     * no extension function: the layers answer WSAEINVAL).
     */
    protected ProtocolInfo entryInUse(ProtocolInfo declared) {
        return ok(ws.enumProtocols(), "WSAEnumProtocols").stream()
                .filter(e -> e.addressFamily() == declared.addressFamily() && e.socketType() == declared.socketType()
                        && e.matchesProtocol(declared.protocol()))
                .findFirst().orElse(declared);
    }

    /** The extension function of {@code s}'s provider; skips the test when the entry under test lists none. */
    protected <A extends ExtensionFunction> A function(long s, WinsockExtension<A> extension) {
        requires(entryInUse(put.streamEntry()).hasExtensionFunction(extension.guid()),
                "no " + extension.name() + " (its catalog entry does not list it)");
        return ok(ws.extensionFunction(s, extension), "extensionFunction(" + extension.name() + ")");
    }

    /** Waits for {@code ov}'s event and answers its WSAGetOverlappedResult. */
    protected WspResult<Integer> completed(long s, Overlapped ov, String what) {
        awaitEvent(((Completion.Event) ov.completion()).event(), what + "'s event");
        return ws.getOverlappedResult(s, ov, false);
    }

    protected Overlapped withEvent() {
        return Overlapped.withEvent(ws.createEvent());
    }

    @Test
    @DisplayName("SIO_GET_EXTENSION_FUNCTION_POINTER: the listed GUIDs answer a function, the others WSAEINVAL")
    public void required_extensionLookup_matchesTheCatalogEntry() {
        long s = open();
        ProtocolInfo entry = entryInUse(put.streamEntry());
        for (UUID guid : MSWSOCK) {
            WspResult<ExtensionFunction> r = ws.ioctl(s, ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER, guid);
            String what = "SIO_GET_EXTENSION_FUNCTION_POINTER(" + ExtensionGuids.name(guid) + ")";
            if (entry.hasExtensionFunction(guid)) {
                assertInstanceOf(ExtensionFunction.class, ok(r, what + ", which the catalog entry lists"));
            } else {
                assertTrue(r.is(WsaError.WSAEINVAL) || r.is(WsaError.WSAEOPNOTSUPP),
                        what + ", which the catalog entry does not list, should answer WSAEINVAL, answered "
                                + describe(r));
            }
        }
    }

    @Test
    @DisplayName("SIO_GET_EXTENSION_FUNCTION_POINTER: an unknown GUID WSAEINVAL, none WSAEFAULT, a closed handle WSAENOTSOCK")
    public void required_extensionLookup_badInput_isAnErrorCode() {
        long s = open();
        WspResult<ExtensionFunction> unknown = ws.ioctl(s, ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER,
                UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertTrue(unknown.is(WsaError.WSAEINVAL) || unknown.is(WsaError.WSAEOPNOTSUPP),
                "an unknown GUID should answer WSAEINVAL, answered " + describe(unknown));
        fails(WsaError.WSAEFAULT, ws.ioctl(s, ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER, null), "no GUID");
        fails(WsaError.WSAEFAULT, ws.extensionFunction(s, null), "extensionFunction(s, null)");
        long closed = ok(ws.socket(put.addressFamily(), put.socketType(), put.protocol()), "socket");
        ok(ws.closeSocket(closed), "closesocket");
        fails(WsaError.WSAENOTSOCK, ws.ioctl(closed, ExtensionIoctl.SIO_GET_EXTENSION_FUNCTION_POINTER,
                ExtensionGuids.WSAID_ACCEPTEX), "a closed handle");
    }
}
