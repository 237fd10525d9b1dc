package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.result.WsaError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a transmit's parts into sends: each send at most {@code limit} bytes, combining consecutive parts, and ending
 * after a part that ends a send ({@code TP_ELEMENT_EOP}, or every part when {@code eachPartEnds}). Memory parts are
 * sent from slices of the caller's buffers; file bytes are read, as they are needed, into a scratch buffer reused
 * from send to send (a send is complete before the next one is cut). Confined to one transmit's sequence of steps.
 */
final class SendCursor {
    private final List<Part> parts;
    private final long limit;
    private final boolean eachPartEnds;
    private final int scratchSize;
    private int index;
    private long offsetInPart;
    private ByteBuffer scratch;

    SendCursor(List<Part> parts, long limit, boolean eachPartEnds) {
        this.parts = parts;
        this.limit = limit;
        this.eachPartEnds = eachPartEnds;
        this.scratchSize = (int) Math.min(limit, TransmitSizes.SCRATCH_MAX);
    }

    /** The next send's buffers, or {@code null} when every byte has been cut. */
    ByteBuffer[] next() throws TransmitReadFailure {
        List<ByteBuffer> send = new ArrayList<>(2);
        long room = limit;
        if (scratch != null) {
            scratch.clear();
        }
        while (index < parts.size() && room > 0) {
            Part part = parts.get(index);
            long take = Math.min(part.length() - offsetInPart, room);
            if (take > 0) {
                send.add(part.file() == null ? part.bytes().slice((int) offsetInPart, (int) take)
                        : read(part, offsetInPart, (int) take));
                offsetInPart += take;
                room -= take;
            }
            if (offsetInPart < part.length()) {
                break; // the send is full; the part goes on in the next one
            }
            index++;
            offsetInPart = 0;
            if ((part.endsSend() || eachPartEnds) && !send.isEmpty()) {
                break;
            }
        }
        return send.isEmpty() ? null : send.toArray(ByteBuffer[]::new);
    }

    private ByteBuffer read(Part part, long from, int length) throws TransmitReadFailure {
        ByteBuffer into = room(length);
        long at = part.position() + from;
        try {
            while (into.hasRemaining()) {
                int n = part.file().read(into, at + into.position());
                if (n < 0) {
                    // the file shrank under the transmit: the bytes it was asked for no longer exist
                    throw new TransmitReadFailure(WsaError.WSAEINVAL, null);
                }
            }
        } catch (ClosedChannelException | NonReadableChannelException e) {
            throw new TransmitReadFailure(WsaError.WSA_INVALID_HANDLE, e);
        } catch (IOException e) {
            throw new TransmitReadFailure(WsaError.WSAENOBUFS, e);
        }
        return into.flip();
    }

    /** {@code length} bytes of the scratch buffer, or a buffer of their own when they do not fit in what is left. */
    private ByteBuffer room(int length) {
        if (scratch == null && length <= scratchSize) {
            scratch = ByteBuffer.allocateDirect(scratchSize);
        }
        if (scratch != null && scratch.remaining() >= length) {
            ByteBuffer piece = scratch.slice(scratch.position(), length);
            scratch.position(scratch.position() + length);
            return piece;
        }
        return ByteBuffer.allocate(length);
    }
}
