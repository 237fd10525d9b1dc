package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.fake.FakeSocket;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * send and recv of one buffer reuse the calling thread's one-buffer array: the provider still gets an array that
 * holds exactly the caller's buffer for the whole call, also when the same thread calls in again meanwhile, and
 * no array keeps a caller's buffer once its call has answered.
 */
class SingleBufferCallTest {
    private final FakeProviderFactory fake = Fixtures.inet("fake", 1);
    private final JwspRuntime rt = Fixtures.started(new VirtualClock(), fake);
    private final Winsock ws = rt.winsock();
    private final long s = ws.socket(AF_INET, STREAM, 0).value();
    private final FakeSocket socket = fake.provider().sockets.getFirst();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void aSendMadeFromInsideASendOnTheSameThread_getsAnArrayOfItsOwn() {
        ByteBuffer outer = ByteBuffer.allocate(3);
        ByteBuffer inner = ByteBuffer.allocate(2);
        List<ByteBuffer[]> arrays = new ArrayList<>();
        List<ByteBuffer> seen = new ArrayList<>();
        List<ByteBuffer> outerSlotAfterInner = new ArrayList<>();
        socket.duringSend = buffers -> {
            arrays.add(buffers);
            seen.add(buffers[0]);
            if (arrays.size() == 1) { // the outer call: the provider calls back in on this thread
                assertEquals(2, ws.send(s, inner, 0).value());
                outerSlotAfterInner.add(buffers[0]);
            }
        };
        assertEquals(3, ws.send(s, outer, 0).value());
        assertEquals(2, arrays.size());
        assertNotSame(arrays.get(0), arrays.get(1), "the nested call has an array of its own");
        assertSame(outer, outerSlotAfterInner.getFirst(), "the outer call's array still holds its buffer");
        assertEquals(List.of(outer, inner), seen);
        assertEquals(1, arrays.get(0).length);
    }

    @Test
    void onceASendHasAnswered_itsArrayNoLongerHoldsTheBuffer() {
        List<ByteBuffer[]> arrays = new ArrayList<>();
        socket.duringSend = arrays::add;
        ByteBuffer first = ByteBuffer.allocate(1);
        assertEquals(1, ws.send(s, first, 0).value());
        assertNull(arrays.getFirst()[0], "the thread's array does not keep the caller's buffer alive");
        ByteBuffer second = ByteBuffer.allocate(4);
        socket.duringSend = buffers -> assertSame(second, buffers[0]);
        assertEquals(4, ws.send(s, second, 0).value());
    }
}
