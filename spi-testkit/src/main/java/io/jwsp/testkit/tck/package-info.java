/**
 * The provider conformance suite (TCK). A provider's test module writes one class:
 *
 * <pre>{@code
 * class TcpTckTest extends ProviderTck {
 *     @Override protected ProviderUnderTest provider() {
 *         return ProviderUnderTest.builder(new TcpProviderFactory(), InetSockAddr.loopback4(0))
 *                 .virtualTime(false)          // real kernel sockets: a real clock and a 1 s linger
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>Quirks are declared, never discovered by failing: {@code hardCloseSeenByPeer} (RESET, END_OF_STREAM for IrDA,
 * DISCONNECT for ATM), {@code gracefulEndSeenByPeer}, {@code peerFlowControl} (false for ATM),
 * {@code closeMayOvertakeData} (ATM), {@code hasTimeWait}, {@code clockDrivesDelivery} (a simulated medium whose
 * frames need the virtual clock to move). Capabilities otherwise come from the entry's XP1_* flags (no
 * XP1_GRACEFUL_CLOSE: the half-close cases are skipped) and from the entries themselves (no SOCK_DGRAM entry: the
 * datagram option cases are skipped). A skipped case names the declaration that skipped it.
 *
 * <p>{@link io.jwsp.testkit.tck.TckRunner} runs the same cases outside Maven through the JUnit Platform Launcher
 * and answers a {@link io.jwsp.testkit.tck.TckReport} (required and optional, passed, failed, skipped).
 */
package io.jwsp.testkit.tck;
