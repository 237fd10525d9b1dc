/**
 * The socket kit: what every provider socket does the same way, composed rather than inherited, so a provider
 * socket keeps only what its medium does differently. JDK only.
 *
 * <h2>How a provider composes it</h2>
 *
 * <p><b>1. Services, once per provider instance.</b> One {@link io.jwsp.spi.kit.SocketServices}: the runtime's
 * {@code TimeSource}, one {@link io.jwsp.spi.kit.wait.BlockingCalls} (WSPCancelBlockingCall calls its
 * {@code cancel}), an {@link io.jwsp.spi.kit.pending.OverlappedCompleter} that ends in
 * {@code Upcalls.completeOverlapped}, the context's wire tap, the select wake-up, and an optional
 * {@link io.jwsp.spi.kit.wait.SpinBeforePark}.
 *
 * <p><b>2. A core, once per socket.</b> {@code new SocketCore(services, lock, condition)}: the lock guards the core
 * and the provider's own connection state (two sockets may share one, as both ends of an in-memory connection do).
 * The core holds:
 * <ul>
 *   <li>the state ({@link io.jwsp.spi.kit.state.SocketStatus}, ordered {@link io.jwsp.spi.kit.state.SocketState}
 *       with CLOSING and CLOSED): begin every call with {@code ensureOpen()}, {@code ensureConnected()},
 *       {@code ensureCanSend()} or {@code ensureCanReceive()}, which answer the error or {@code null};</li>
 *   <li>the event recorder ({@link io.jwsp.spi.kit.NetworkEventRecorder}): {@code post} when a condition arises,
 *       {@code postClose} when the peer's close arrives (once per connection), {@code reenable} from the call that
 *       consumes a condition, {@code select(event, mask, EventConditions)} from WSPEventSelect;</li>
 *   <li>two FIFO queues of overlapped operations ({@link io.jwsp.spi.kit.pending.PendingQueue}
 *       {@code receives()} and {@code sends()});</li>
 *   <li>the blocking-call loop ({@link io.jwsp.spi.kit.wait.BlockingCall}).</li>
 * </ul>
 *
 * <p><b>3. Each call.</b> Under the lock: the check, then the work. A call that may block runs
 * {@code core.block(nonBlocking, timeoutNanos, () -> attemptOrNull())}: the attempt answers a result, or
 * {@code null} to wait for {@code core.changed()}; the loop answers WSAEWOULDBLOCK (nonblocking), WSAEINTR (the
 * socket closed or the call cancelled while it waited), WSAETIMEDOUT (the deadline). Whatever changes state another
 * caller waits for ends with {@code core.signalChange()}. Overlapped completions decided under the lock go to a
 * {@link io.jwsp.spi.kit.pending.DeferredCompletions} the call fires after {@code unlock()}: never complete, post
 * or upcall with a provider lock held.
 *
 * <p><b>4. Close.</b> The socket implements {@link io.jwsp.spi.kit.closing.CloseRows} (the facts for the
 * decision, its medium's first duties, one method per row, its {@code CloseRecord}) and answers
 * {@code closeSocket()} with {@code core.close(this)}. {@link io.jwsp.spi.kit.closing.CloseSequence} does the rest
 * in one order: decide; WSAEWOULDBLOCK untouched; CLOSING (WSAENOTSOCK from here), events off, pending operations
 * WSA_OPERATION_ABORTED, the medium's duties, and for a row that decides at once the row and CLOSED in the same lock
 * hold (the peer sees the FIN or RST no later than the handle answers WSAENOTSOCK); completions fired, blocked
 * callers WSAEINTR, selects woken; the linger row and CLOSED; the record. A row method that never waits must
 * therefore make the peer-visible end under the lock it is called with, without waiting or upcalling. WSPCleanup's
 * leftovers and refused connections go through {@code core.release(...)}, the one cleanup close. The linger row waits with {@code core.blocking().lingerUntil(...)} (WSPCancelBlockingCall can end
 * it; {@code closeAnswer()} then makes closesocket answer WSAEINTR); row methods add the completions they cause to
 * the {@code DeferredCompletions} handed to {@code stopMedium}, which the sequence fires after the row.
 *
 * <h2>Rules the kit keeps for every provider</h2>
 * <ul>
 *   <li>A pending overlapped operation cancelled by closesocket completes with WSA_OPERATION_ABORTED: the seeds'
 *       documented status, kept where Windows is observed to differ.</li>
 *   <li>FD_CLOSE is recorded once per connection; a close that arrived unselected is recorded when selected.</li>
 *   <li>A select on a socket another thread closes is woken (the provider's select then reports the closing
 *       socket ready once, as Windows does: in the read set if it was asked there, else the write set, else the
 *       except set; never an exception, never WSAEINTR).</li>
 * </ul>
 *
 * <p><b>5. TransmitFile and TransmitPackets.</b> {@link io.jwsp.spi.kit.transmit.TransmitExtensions#offer} adds both to
 * a provider's extension table; they run as a chain of overlapped sends on the socket's own send path, registered in
 * {@code core.transmissions()} so CancelIo and the close sequence abort them with the bytes sent so far.
 *
 * <p>{@link io.jwsp.spi.kit.ForwardingProvider} and {@link io.jwsp.spi.kit.ForwardingSocket} serve layered
 * providers and are not part of the socket kit.
 */
package io.jwsp.spi.kit;
