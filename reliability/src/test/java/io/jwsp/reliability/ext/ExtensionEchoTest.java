package io.jwsp.reliability.ext;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 19's done-when: an AcceptEx/ConnectEx echo server drives 1,000 connections, over loopback and over tcp
 * (kernel TCP on 127.0.0.1), on one completion port ({@link EchoLoop}). Bounded: the whole run must finish within a
 * real-time limit, and every handle is closed at the end (the handle table is empty).
 */
class ExtensionEchoTest {
    private static final int CONNECTIONS = 1_000;
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @EnumSource(value = Medium.class, names = {"LOOPBACK", "TCP"})
    void acceptExConnectExEcho_thousandConnections(Medium medium) {
        try (RuntimeUnderTest rut = new RuntimeUnderTest(medium)) {
            int reused = assertTimeoutPreemptively(LIMIT, () -> new EchoLoop(rut, CONNECTIONS).run(),
                    () -> CONNECTIONS + " echo connections over " + medium + " did not finish within " + LIMIT);
            assertEquals(CONNECTIONS, reused, "server sockets given back by DisconnectEx(TF_REUSE_SOCKET)");
            rut.finish();
        }
    }
}
