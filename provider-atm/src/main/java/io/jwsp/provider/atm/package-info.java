/**
 * The ATM base provider: AF_ATM SOCK_RAW sockets over AAL5, with Q.2931 signalling beside the cell path.
 *
 * <h2>What ATM does differently from a TCP-like stream (its TCK declarations)</h2>
 * <ul>
 *   <li>No half-close: shutdown(SD_SEND or SD_BOTH) and closesocket send the same RELEASE (cause 16); the peer's
 *       recv then answers WSAEDISCON for graceful and hard closes alike ({@code gracefulEndSeenByPeer},
 *       {@code hardCloseSeenByPeer}: {@code PeerEnd.DISCONNECT}).</li>
 *   <li>No flow control (AAL5): a PDU the receive buffer cannot hold is dropped ({@code peerFlowControl(false)}).</li>
 *   <li>RELEASE goes on the signalling path at once and may overtake cells still on their way
 *       ({@code closeMayOvertakeData(true)}).</li>
 * </ul>
 *
 * <h2>Shutdown and receives (no declared difference)</h2>
 * The rule every provider keeps: shutdown never ends a blocked or pending receive; only data, the peer's end, or
 * closesocket do. On ATM our own shutdown(SD_SEND or SD_BOTH) releases the VC, so after it no data and no end from
 * the peer can arrive: a receive already blocked or pending then waits until closesocket (WSAEINTR for a blocked
 * one, WSA_OPERATION_ABORTED for an overlapped one) or its SO_RCVTIMEO. The RELEASE COMPLETE that acknowledges our
 * RELEASE is not the peer's end. A receive started after the release answers WSAEDISCON at once (after SD_RECEIVE or
 * SD_BOTH, WSAESHUTDOWN). Overlapped receives pending at SD_RECEIVE still take the PDUs that arrive; once none is
 * left the VC discards what arrives. This passes the TCK's shutdown cases as they are, so no capability is declared.
 *
 * <h2>Close with the switch in another process</h2>
 * Over the UDP carriage, data has left the sender only once the switch acknowledged it ({@link
 * io.jwsp.provider.atm.CloseConfirmation}; the decision is in docs/design.md's close table, "ATM between
 * processes"). A blocking graceful close (the default row, or linger(1,N)) sends RELEASE at once as ever, then
 * waits until the call's cells and the RELEASE are acknowledged, for at most the keepalive (and the linger time
 * where set): 0 when they are, <b>WSAENETDOWN</b> when the switch is gone, so a sender whose switch is gone never
 * reports success for data that could not leave. Cells the switch has not acknowledged count as queued data, so a
 * nonblocking linger(1,N) close answers WSAEWOULDBLOCK while they exist; a nonblocking default close never waits
 * and answers WSAENETDOWN only for a loss already known. linger(1,0) answers 0. With the in-process switch nothing
 * of this applies: it takes every cell at once.
 *
 * <h2>WSADuplicateSocket into another process (the switch moves the VC)</h2>
 * Into this process the runtime shares the socket, as for every provider. Into another process attached to the same
 * switch ({@code atm.acceptDuplicates=true} there), {@link io.jwsp.provider.atm.HandOverSource} moves the VC: HOLD
 * (the switch holds its cells and sends an OAM marker cell down after the last one it let through), the source's
 * last data and an upstream marker, its unread and partial PDUs given back as cells, HAND with its names and options
 * ({@link io.jwsp.provider.atm.SocketSnapshot}); the switch takes the VC off the source's port (PARKED) and keeps
 * it for {@code atm.duplicateTtlMillis}; the target's WSASocket(FROM_PROTOCOL_INFO) claims it with the single-use
 * token of dwProviderReserved (CLAIM, CLAIMED on a VCI of its port, READY), and the switch sends it the returned
 * cells, then the held ones. The messages are {@link io.jwsp.provider.atm.sw.HandOverMessage}s on the carriage's
 * signalling path (authenticated by its key; decoded with bounds; refused and counted when malformed, unknown,
 * spent, from the wrong port or in the wrong stage). The original keeps only its options and its close (0, nothing
 * sent); send and recv answer WSAESHUTDOWN; the target's close is the VC's last. A refused HOLD (no such process,
 * or it does not take duplicates) is WSAEINVAL and changes nothing; a step that times out ({@code
 * HandOverSource.STEP_WAIT}) clears the call with cause 41 and answers WSAENETDOWN.
 */
package io.jwsp.provider.atm;
