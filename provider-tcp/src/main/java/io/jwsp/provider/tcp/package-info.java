/**
 * The tcp base provider: Windows' close and event semantics on the kernel's real TCP (127.0.0.1 / ::1), on the
 * socket kit ({@code io.jwsp.spi.kit}) for state, close sequence, blocking calls, pending overlapped operations and
 * events.
 *
 * <h2>What the kernel medium does on its own</h2>
 * <ul>
 *   <li>A blocking send, recv, accept or connect on a socket that needs no readiness is the JDK's own blocking call
 *       ({@link io.jwsp.provider.tcp.KernelChannel}), so the hot path costs what a raw SocketChannel costs.</li>
 *   <li>"Data queued" for the close table is the kernel's SIOCOUTQ, and a hard close is the kernel's RST (SO_LINGER
 *       {1,0} just before close) ({@link io.jwsp.provider.tcp.TcpCloseRows}).</li>
 *   <li>Readiness comes from one selector thread per provider instance
 *       ({@link io.jwsp.provider.tcp.SocketReadiness}).</li>
 *   <li>FD_CLOSE at a FIN behind unread data is read from TCP_INFO ({@link io.jwsp.provider.tcp.PeerEndWatch}).</li>
 * </ul>
 *
 * <h2>Documented behaviour kept, and fallbacks</h2>
 * <ul>
 *   <li>An overlapped operation pending when closesocket runs completes with WSA_OPERATION_ABORTED (the seeds'
 *       documented status; the kit's rule).</li>
 *   <li>Where TCP_INFO or SIOCOUTQ cannot be read (not Linux, or native access denied): FD_CLOSE behind unread data
 *       is posted once the data is read, and a lingering close treats the send queue as drained.</li>
 * </ul>
 */
package io.jwsp.provider.tcp;
