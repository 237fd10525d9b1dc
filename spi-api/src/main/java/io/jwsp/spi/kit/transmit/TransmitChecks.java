package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.ext.connect.TransmitFlags;
import io.jwsp.spi.ext.transmit.TransmitElement;
import io.jwsp.spi.ext.transmit.TransmitFile;
import io.jwsp.spi.result.WsaError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument checks of TransmitFile and TransmitPackets, in one place, each answering Winsock's code: a flag
 * unknown or contradictory, a length or size negative or past a DWORD, or a file region past the end of its file is
 * WSAEINVAL; a {@code null} array, element or buffer WSAEFAULT; a {@code null}, closed or unreadable channel
 * WSA_INVALID_HANDLE; more than {@link TransmitFile#MAX_BYTES} in one call WSAEINVAL.
 */
final class TransmitChecks {
    /** The largest DWORD, the bound of every length and size argument. */
    static final long MAX_DWORD = 0xFFFF_FFFFL;
    /** Every flag TransmitFile knows (TF_USE_DEFAULT_WORKER is 0). */
    static final int TRANSMIT_FILE_MASK = TransmitFlags.TF_DISCONNECT | TransmitFlags.TF_REUSE_SOCKET
            | TransmitFlags.TF_WRITE_BEHIND | TransmitFlags.TF_USE_SYSTEM_THREAD | TransmitFlags.TF_USE_KERNEL_APC;
    /** Every flag TransmitPackets knows: its page lists no TF_WRITE_BEHIND. */
    static final int TRANSMIT_PACKETS_MASK = TRANSMIT_FILE_MASK & ~TransmitFlags.TF_WRITE_BEHIND;

    private TransmitChecks() {
    }

    /** The flags of TransmitFile ({@code mask} TRANSMIT_FILE_MASK) or TransmitPackets; {@code null} when valid. */
    static WsaError flags(int flags, int mask) {
        if ((flags & ~mask) != 0) {
            return WsaError.WSAEINVAL;
        }
        boolean disconnect = (flags & TransmitFlags.TF_DISCONNECT) != 0;
        if ((flags & TransmitFlags.TF_REUSE_SOCKET) != 0 && !disconnect) {
            return WsaError.WSAEINVAL; // TF_REUSE_SOCKET is valid only with TF_DISCONNECT
        }
        if ((flags & TransmitFlags.TF_WRITE_BEHIND) != 0 && disconnect) {
            return WsaError.WSAEINVAL;
        }
        int workers = TransmitFlags.TF_USE_SYSTEM_THREAD | TransmitFlags.TF_USE_KERNEL_APC;
        return (flags & workers) == workers ? WsaError.WSAEINVAL : null;
    }

    static boolean isDword(long n) {
        return n >= 0 && n <= MAX_DWORD;
    }

    /** What checking answers: the parts, or the error. */
    record Checked(List<Part> parts, WsaError error) {
        static Checked failed(WsaError e) {
            return new Checked(null, e);
        }
    }

    /** TransmitFile's head, {@code length} bytes of {@code file} from {@code from} (0: to its end), tail. */
    static Checked file(FileChannel file, long from, long length, ByteBuffer head, ByteBuffer tail) {
        List<Part> parts = new ArrayList<>(3);
        if (head != null) {
            parts.add(Part.memory(head, false));
        }
        if (file != null) {
            WsaError e = region(file, from, length, false, parts);
            if (e != null) {
                return Checked.failed(e);
            }
        }
        if (tail != null) {
            parts.add(Part.memory(tail, false));
        }
        return total(parts);
    }

    /** TransmitPackets' elements, in order. */
    static Checked packets(List<TransmitElement> elements) {
        if (elements == null) {
            return Checked.failed(WsaError.WSAEFAULT);
        }
        List<Part> parts = new ArrayList<>(elements.size());
        for (TransmitElement element : elements) {
            WsaError e = switch (element) {
                case null -> WsaError.WSAEFAULT;
                case TransmitElement.Memory m -> m.data() == null ? WsaError.WSAEFAULT
                        : add(parts, Part.memory(m.data(), m.endOfPacket()));
                case TransmitElement.FileRegion f -> f.file() == null ? WsaError.WSA_INVALID_HANDLE
                        : region(f.file(), f.offset(), f.length(), f.endOfPacket(), parts);
            };
            if (e != null) {
                return Checked.failed(e);
            }
        }
        return total(parts);
    }

    private static WsaError add(List<Part> parts, Part p) {
        parts.add(p);
        return null;
    }

    private static WsaError region(FileChannel file, long offset, long length, boolean eop, List<Part> parts) {
        if (offset < TransmitElement.CURRENT_POSITION || !isDword(length)) {
            return WsaError.WSAEINVAL;
        }
        if (!file.isOpen()) {
            return WsaError.WSA_INVALID_HANDLE;
        }
        long from;
        long size;
        try {
            file.read(ByteBuffer.allocate(0), 0); // refuses a channel opened without READ
            from = offset == TransmitElement.CURRENT_POSITION ? file.position() : offset;
            size = file.size();
        } catch (IOException | RuntimeException e) {
            return WsaError.WSA_INVALID_HANDLE;
        }
        long n = length == TransmitElement.TO_END_OF_FILE ? size - from : length;
        if (from > size || n < 0 || from + n > size) {
            return WsaError.WSAEINVAL;
        }
        parts.add(Part.file(file, from, n, eop));
        return null;
    }

    private static Checked total(List<Part> parts) {
        long total = 0;
        for (Part p : parts) {
            total += p.length();
        }
        return total > TransmitFile.MAX_BYTES ? Checked.failed(WsaError.WSAEINVAL) : new Checked(parts, null);
    }
}
