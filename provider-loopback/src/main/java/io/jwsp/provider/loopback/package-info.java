/**
 * The loopback base provider ({@link io.jwsp.provider.loopback.LoopbackProviderFactory}, name {@code loopback}):
 * in-memory TCP-like stream sockets and UDP-like datagram sockets for AF_INET and AF_INET6, over an address space
 * owned by one provider instance, so two runtimes never see each other.
 *
 * <p>Where Winsock leaves room, this provider decides (and its tests pin):
 * <ul>
 *   <li>Queued data is what a sender handed over beyond the peer's SO_RCVBUF, bounded by the sender's SO_SNDBUF;
 *       the close/linger table turns on it ({@code stream.StreamSocket} performs each row in a method named after
 *       it).</li>
 *   <li>A hard close (linger(1,0), or a linger time-out) discards the peer's unread data too: the peer's next recv
 *       answers WSAECONNRESET and its FD_CLOSE carries WSAECONNRESET, as on Windows after an RST.</li>
 *   <li>A graceful close drops the closer's own unread data without turning into a reset; a later send by the peer
 *       to the closed socket resets the connection and answers WSAECONNRESET.</li>
 *   <li>TIME_WAIT: the active closer (whose FIN arrived first) enters it once its socket is closed and its FIN has
 *       reached the peer, for {@code timeWaitMillis} (default 240000) on the provider's clock; see
 *       {@link io.jwsp.spi.close.TimeWaitQuery} through {@code unwrap}.</li>
 *   <li>FD_CLOSE (error 0) reaches the receiver when the FIN does, that is once everything sent before it fits in
 *       its receive buffer, possibly before that data is read.</li>
 *   <li>A nonblocking connect answers WSAEWOULDBLOCK and completes at once (FD_CONNECT, FD_WRITE, writable in
 *       select); a refused one reports WSAECONNREFUSED through FD_CONNECT, SO_ERROR and the except set.</li>
 *   <li>An accept condition's CF_REJECT makes accept answer WSAECONNREFUSED; the connector sees WSAECONNREFUSED from
 *       connect when the listener set SO_CONDITIONAL_ACCEPT ({@link io.jwsp.provider.loopback.LoopbackOptions}),
 *       otherwise its already-completed connection is reset (WSAECONNRESET).</li>
 *   <li>MSG_OOB is not offered (no XP1_EXPEDITED_DATA): WSAEOPNOTSUPP, and SIOCATMARK always answers true.</li>
 * </ul>
 */
package io.jwsp.provider.loopback;
