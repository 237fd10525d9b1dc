package io.jwsp.spi.result;

import java.util.HashMap;
import java.util.Map;

/**
 * Every Winsock error code jwsp can answer, with Windows' number, its symbolic name and a one-line meaning.
 * The numbers are Windows' own (winerror.h / winsock2.h), never the host's errno values.
 */
public enum WsaError {
    WSA_INVALID_HANDLE(6, "The event or overlapped handle is not valid."),
    WSA_NOT_ENOUGH_MEMORY(8, "Not enough memory to complete the operation."),
    WSA_INVALID_PARAMETER(87, "One or more parameters are not valid."),
    WSA_OPERATION_ABORTED(995, "The overlapped operation was cancelled because the socket was closed."),
    WSA_IO_INCOMPLETE(996, "The overlapped operation has not completed yet."),
    WSA_IO_PENDING(997, "The overlapped operation will complete later."),
    WSAEINTR(10004, "A blocking call was interrupted: the socket was closed or the call was cancelled."),
    WSAEBADF(10009, "The file handle is not valid."),
    WSAEACCES(10013, "Access to the socket or address was denied."),
    WSAEFAULT(10014, "A pointer, buffer or length argument is not valid (null, or too short)."),
    WSAEINVAL(10022, "An argument is not valid, or the socket is in the wrong state for the call."),
    WSAEMFILE(10024, "Too many open sockets."),
    WSAEWOULDBLOCK(10035, "The nonblocking operation cannot be completed at once."),
    WSAEINPROGRESS(10036, "A blocking operation is in progress on this thread, or a callback is being processed."),
    WSAEALREADY(10037, "An operation is already in progress on the nonblocking socket."),
    WSAENOTSOCK(10038, "The descriptor is not a socket."),
    WSAEDESTADDRREQ(10039, "A destination address is required."),
    WSAEMSGSIZE(10040, "The message is larger than the buffer or the protocol's maximum."),
    WSAEPROTOTYPE(10041, "The protocol is the wrong type for the socket."),
    WSAENOPROTOOPT(10042, "The option is unknown or not supported for this socket type."),
    WSAEPROTONOSUPPORT(10043, "The protocol is not supported."),
    WSAESOCKTNOSUPPORT(10044, "The socket type is not supported in this address family."),
    WSAEOPNOTSUPP(10045, "The operation is not supported by this socket or provider."),
    WSAEPFNOSUPPORT(10046, "The protocol family is not supported."),
    WSAEAFNOSUPPORT(10047, "The address family is not supported."),
    WSAEADDRINUSE(10048, "The address is already in use."),
    WSAEADDRNOTAVAIL(10049, "The address is not valid in its context."),
    WSAENETDOWN(10050, "The network subsystem has failed."),
    WSAENETUNREACH(10051, "The network cannot be reached."),
    WSAENETRESET(10052, "The connection was broken by keep-alive activity."),
    WSAECONNABORTED(10053, "The connection was aborted by the local software."),
    WSAECONNRESET(10054, "The connection was reset by the peer."),
    WSAENOBUFS(10055, "No buffer space is available."),
    WSAEISCONN(10056, "The socket is already connected."),
    WSAENOTCONN(10057, "The socket is not connected."),
    WSAESHUTDOWN(10058, "The socket has been shut down in that direction."),
    WSAETOOMANYREFS(10059, "Too many references to a kernel object."),
    WSAETIMEDOUT(10060, "The operation timed out."),
    WSAECONNREFUSED(10061, "The connection was refused."),
    WSAEHOSTDOWN(10064, "The destination host is down."),
    WSAEHOSTUNREACH(10065, "No route to the host."),
    WSAEPROCLIM(10067, "Too many processes are using the provider."),
    WSASYSNOTREADY(10091, "The network subsystem is not ready."),
    WSAVERNOTSUPPORTED(10092, "The requested Winsock version is not supported."),
    WSANOTINITIALISED(10093, "A successful startup must come first."),
    WSAEDISCON(10101, "The peer has initiated a graceful shutdown; no more data."),
    WSAENOMORE(10102, "No more results."),
    WSAECANCELLED(10103, "The call was cancelled."),
    WSAEINVALIDPROCTABLE(10104, "The provider's procedure table is not valid."),
    WSAEINVALIDPROVIDER(10105, "The provider is not valid."),
    WSAEPROVIDERFAILEDINIT(10106, "The provider failed to load or start."),
    WSASYSCALLFAILURE(10107, "A system call that should never fail has failed."),
    WSAHOST_NOT_FOUND(11001, "The host is not known."),
    WSATRY_AGAIN(11002, "A temporary failure; try again (a deferred accept, for instance).");

    private static final Map<Integer, WsaError> BY_CODE = new HashMap<>();

    static {
        for (WsaError e : values()) {
            BY_CODE.put(e.code, e);
        }
    }

    private final int code;
    private final String meaning;

    WsaError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The numeric Winsock code, as WSAGetLastError would answer it. */
    public int code() {
        return code;
    }

    /** The symbolic name, for instance {@code WSAECONNRESET}. */
    public String symbol() {
        return name();
    }

    /** One line saying what the code means. */
    public String meaning() {
        return meaning;
    }

    /** The error with this Winsock number, or {@code null} when the number is not a known code (0 included). */
    public static WsaError ofCode(int code) {
        return BY_CODE.get(code);
    }

    @Override
    public String toString() {
        return name() + " (" + code + ")";
    }
}
