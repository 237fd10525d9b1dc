package io.jwsp.testkit.tck;

/**
 * The provider conformance suite. A provider's test extends it and names the provider:
 *
 * <pre>{@code
 * class LoopbackTckTest extends ProviderTck {
 *     @Override protected ProviderUnderTest provider() {
 *         return ProviderUnderTest.builder(new LoopbackProviderFactory(), InetSockAddr.loopback4(0)).build();
 *     }
 * }
 * }</pre>
 *
 * <p>The contracts form one chain of abstract classes (linger options, the close table, shutdown, handles, FD_CLOSE,
 * blocked callers, overlapped completion, duplicates and accept, select under a close, FD_CLOSE once, shutdown against
 * blocked and pending receives and on datagrams, short raw options, bad input, WSAPoll, WSASendDisconnect and
 * WSARecvDisconnect, completion ports associated with sockets, CancelIo), so every test is an inherited method of the
 * subclass and JUnit runs all of them whatever its version does with nested classes. Tests are named
 * {@code required_<clause>_<what>} or {@code optional_<clause>_<what>}; one is skipped only for a capability the
 * provider declares absent, with the reason shown. {@link TckRunner} runs the same suite outside Maven.
 */
public abstract class ProviderTck extends TransmitContract {
}
