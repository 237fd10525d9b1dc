package io.jwsp.reliability.badinput;

import static io.jwsp.reliability.fixture.RuntimeUnderTest.BOUND;
import static io.jwsp.reliability.fixture.RuntimeUnderTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.reliability.fixture.Bounded;
import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * recv into a buffer that cannot be written, with data waiting: a caller's mistake, so WSAEFAULT (WspResult: "a
 * caller's mistake ... is an error code too (WSAEFAULT), never an exception"); the data stays for a proper recv.
 */
class ReadOnlyBufferTest {
    /**
     * Found by BadInputPropertiesTest on ATM (shrunk: a connected pair, a 16-byte send, a recv into a read-only
     * buffer), then seen on tcp and irda too: they threw and the facade answered WSASYSCALLFAILURE; fixed since.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_recvIntoReadOnlyBuffer_isWsaefault(Medium medium) {
        check(medium);
    }

    private static void check(Medium medium) {
        try (RuntimeUnderTest rt = new RuntimeUnderTest(medium)) {
            long l = rt.listener(4);
            long[] pair = rt.connect(l);
            ok(rt.ws.send(pair[0], ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 0), "send");
            ByteBuffer readOnly = ByteBuffer.allocate(16).asReadOnlyBuffer();
            WspResult<Integer> r = Bounded.start("recv", () -> rt.ws.recv(pair[1], readOnly, 0)).join(BOUND);
            assertEquals(WsaError.WSAEFAULT, r.error(), "recv into a read-only buffer");
            ByteBuffer proper = ByteBuffer.allocate(16);
            assertEquals(4, ok(Bounded.start("recv", () -> rt.ws.recv(pair[1], proper, 0)).join(BOUND), "recv"),
                    "the data is still there for a writable buffer");
            rt.finish();
        }
    }
}
