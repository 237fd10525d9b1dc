package io.jwsp.layer.faults;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Small applications whose error handling the fault tests drive: each reports what happened as a value, the way an
 * application would surface it to its user, instead of throwing.
 */
final class StreamApps {
    private StreamApps() {
    }

    /** How a transfer ended: the bytes handled and the error that stopped it ({@code null}: it completed). */
    record Outcome(long bytes, WsaError error, boolean intact) {
        boolean completed() {
            return error == null;
        }
    }

    /** Reads the stream in chunks of {@code chunk} bytes until the orderly end; stops at the first error. */
    static Outcome download(WspSocket s, int chunk) {
        long total = 0;
        ByteBuffer b = ByteBuffer.allocate(chunk);
        while (true) {
            b.clear();
            WspResult<Integer> r = s.recv(new ByteBuffer[] {b}, 0, null);
            if (!r.isOk()) {
                return new Outcome(total, r.error(), false);
            }
            if (r.value() == 0) {
                return new Outcome(total, null, true);
            }
            total += r.value();
        }
    }

    /** Sends {@code frames} frames of {@code size} bytes, then the CRC-32 of all of them (8 bytes), then closes. */
    static Outcome upload(WspSocket s, int frames, int size) {
        CRC32 crc = new CRC32();
        long sent = 0;
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[size];
            for (int j = 0; j < size; j++) {
                frame[j] = (byte) (i * 31 + j);
            }
            crc.update(frame);
            WspResult<Integer> r = s.send(new ByteBuffer[] {ByteBuffer.wrap(frame)}, 0, null);
            if (!r.isOk()) {
                return new Outcome(sent, r.error(), false);
            }
            sent += r.value();
        }
        WspResult<Integer> r = s.send(new ByteBuffer[] {ByteBuffer.allocate(8).putLong(0, crc.getValue())}, 0, null);
        if (!r.isOk()) {
            return new Outcome(sent, r.error(), false);
        }
        WspResult<Void> c = s.closeSocket();
        return new Outcome(sent + 8, c.isOk() ? null : c.error(), true);
    }

    /** Receives an upload to its end and checks the trailing CRC-32 against the bytes that came before it. */
    static Outcome receiveUpload(WspSocket s, int chunk) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(chunk);
        while (true) {
            b.clear();
            WspResult<Integer> r = s.recv(new ByteBuffer[] {b}, 0, null);
            if (!r.isOk()) {
                return new Outcome(all.size(), r.error(), false);
            }
            if (r.value() == 0) {
                break;
            }
            all.write(b.array(), 0, r.value());
        }
        byte[] data = all.toByteArray();
        if (data.length < 8) {
            return new Outcome(data.length, null, false);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        boolean intact = crc.getValue() == ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        return new Outcome(data.length, null, intact);
    }
}
