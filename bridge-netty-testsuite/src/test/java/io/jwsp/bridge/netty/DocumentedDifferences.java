package io.jwsp.bridge.netty;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Netty tests that pass on the JDK's provider but not over jwsp, each with the reason: the bridge's documented
 * differences (README, "jdk-bridge: documented differences"). Each is disabled on the transports it names, and
 * reported as skipped with its reason, so a run's totals show every one; everything else must pass.
 */
final class DocumentedDifferences implements ExecutionCondition {
    /** {@code transports}: "jwsp" for loopback and tcp, or one transport's name. */
    record Difference(String transports, String testClass, String method, String reason) {
        boolean covers(String transport, Class<?> test, String name) {
            boolean onTransport = transports.equals(transport)
                    || transports.equals("jwsp") && !transport.equals("jdk");
            return onTransport && test.getSuperclass().getSimpleName().equals(testClass)
                    && (method.equals("*") || method.equals(name));
        }
    }

    static final String RST_DISCARDS = "Winsock discards data already received when an RST arrives (recv answers "
            + "WSAECONNRESET); Linux keeps it readable, and the test reads it after its write drew the RST";
    static final String WILDCARD_CONNECT = "a connect to the wildcard address (0.0.0.0, ::) fails with "
            + "WSAEADDRNOTAVAIL as on Windows; Linux connects it to the local host";
    static final String KERNEL_PEER = "the peer is a kernel java.net socket, which the in-memory loopback provider "
            + "cannot reach (the tcp run covers the test)";

    static final List<Difference> ALL = List.of(
            new Difference("jwsp", "SocketHalfClosedTest", "testAutoCloseFalseDoesShutdownOutput", RST_DISCARDS),
            new Difference("jwsp", "SocketChannelNotYetConnectedTest", "readMustBePendingUntilChannelIsActive",
                    WILDCARD_CONNECT),
            new Difference("loopback", "SocketChannelEOFTest", "*", KERNEL_PEER),
            new Difference("loopback", "SocketShutdownOutputBySelfTest", "testShutdownSoLingerNoAssertError",
                    KERNEL_PEER),
            new Difference("loopback", "SocketShutdownOutputBySelfTest", "testShutdownOutputAfterClosed",
                    KERNEL_PEER),
            new Difference("loopback", "SocketShutdownOutputBySelfTest", "testShutdownOutputSoLingerNoAssertError",
                    KERNEL_PEER),
            new Difference("loopback", "SocketShutdownOutputBySelfTest", "testShutdownOutput", KERNEL_PEER));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        Optional<Class<?>> test = context.getTestClass();
        if (method.isEmpty() || test.isEmpty()) {
            return ConditionEvaluationResult.enabled("a class");
        }
        String transport = NettyTransport.current().name();
        for (Difference d : ALL) {
            if (d.covers(transport, test.get(), method.get().getName())) {
                return ConditionEvaluationResult.disabled("documented difference over " + transport + ": "
                        + d.reason());
            }
        }
        return ConditionEvaluationResult.enabled("no documented difference");
    }
}
