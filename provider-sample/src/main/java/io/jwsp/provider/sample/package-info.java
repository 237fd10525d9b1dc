/**
 * A sample base provider, written to be copied. Where each duty of the contract lives:
 *
 * <ul>
 *   <li>Discovery: {@link io.jwsp.provider.sample.SampleProviderFactory} (name, ProviderId, the one AF_UNIX
 *       SOCK_STREAM entry, priority), named in META-INF/services and in module-info's {@code provides}.</li>
 *   <li>WSPStartup/WSPCleanup with version negotiation, WSPSocket, WSPSelect, WSPCancelBlockingCall and the address
 *       strings: {@code SampleProvider}, which also owns the lock and the bound names of one runtime.</li>
 *   <li>Every call that takes a socket: {@code SampleSocket}. Its state machine is OPEN, BOUND, LISTENING,
 *       CONNECTED, CLOSED; closesocket decides the row with {@link io.jwsp.spi.close.CloseTable#decide} and has one
 *       method per {@link io.jwsp.spi.close.CloseOutcome}; every wait goes through the runtime's
 *       {@link io.jwsp.spi.time.TimeSource}; overlapped operations finish through
 *       {@link io.jwsp.spi.Upcalls#completeOverlapped}; event select is a
 *       {@link io.jwsp.spi.kit.NetworkEventRecorder}.</li>
 *   <li>One direction of a connection: {@code ByteQueue}, kept at the receiver.</li>
 * </ul>
 *
 * <p>The test {@code SampleTckTest} runs the whole conformance suite against it.
 */
package io.jwsp.provider.sample;
