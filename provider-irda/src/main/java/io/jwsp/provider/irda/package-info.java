/**
 * IrDA sockets (AF_IRDA 26, SOCK_STREAM) over a simulated infrared space.
 *
 * <h2>What an application sees (Windows' IrDA)</h2>
 * <ul>
 *   <li>{@link io.jwsp.provider.irda.IrdaSockAddr}: a 4-byte device id and a service name of at most 24 characters;
 *       {@code LSAP-SELn} names a selector and skips IAS; an empty name binds a free selector.</li>
 *   <li>Servers bind a service name (registered in their device's IAS as {@code IrDA:TinyTP:LsapSel}) and listen;
 *       clients connect without binding (bind-then-connect is WSAEINVAL). An unknown service is WSAECONNREFUSED.</li>
 *   <li>Selectors: a device has 111 (LSAP-SEL 0x01..0x6F). A client connection holds one on the device it leaves
 *       from until the connection has ended (a closed socket still draining keeps it); accepted connections share
 *       their listener's. So one device pair carries at most 111 connections at once; a connect leaves from
 *       another local device in range with a selector free, and is WSAENOBUFS when there is none. A CONNECT beyond
 *       the listener's backlog is refused: WSAECONNREFUSED.</li>
 *   <li>SOL_IRLMP options ({@link io.jwsp.provider.irda.IrdaOptions}): IRLMP_ENUMDEVICES (a
 *       {@link io.jwsp.provider.irda.DeviceList}; none is success; a raw buffer shorter than its 4-byte header is
 *       WSAEFAULT, a longer one gets as many 29-byte entries as fit), IRLMP_IAS_SET, IRLMP_IAS_QUERY (the question
 *       is set first, then read: the typed getsockopt has no input), IRLMP_SEND_PDU_LEN. At SOL_SOCKET only the
 *       linger options (and the read-only and buffer basics) exist: SO_KEEPALIVE and the like are WSAENOPROTOOPT.</li>
 *   <li>Close: no XP1_GRACEFUL_CLOSE. Every close ends with IrLMP DISCONNECT(1). The graceful rows drain TinyTP and
 *       queue the DISCONNECT behind the data; linger(1,0) drops the unsent queue and sends it at once; the peer
 *       reads what arrived and then 0 (no reset exists), and sees FD_CLOSE only after reading every byte. A lost
 *       link resets both sides (WSAECONNRESET).</li>
 * </ul>
 *
 * <h2>Declared differences (what the TCK checks another way for IrDA)</h2>
 * <ul>
 *   <li><b>FD_CLOSE after unread data</b> ({@code fdCloseAfterUnreadData}, declared by {@code IrdaTckTest}): a
 *       TCP-like stream posts FD_CLOSE as soon as the peer's FIN arrives, even with data unread; IrDA posts it only
 *       once the application has read every byte (TinyTP's disconnect-wait, Windows' documented IrDA behaviour).
 *       It is still posted once per connection, by the kit's recorder.</li>
 *   <li><b>No reset</b>: linger(1,0) is a truncated stream for the peer (what arrived, then 0), never
 *       WSAECONNRESET; only a lost link, or a protocol error, resets.</li>
 *   <li><b>Credit checked on receipt</b>: a data frame beyond the TinyTP credit this end granted is a protocol
 *       error (a peer over UDP that holds the key could send one): it is dropped and counted
 *       ({@code IrlmpStack.framesBeyondCredit()}, a WARN), the connection resets (WSAECONNRESET, unread data gone)
 *       and DISCONNECT with reason 0xFF (unspecified) resets the peer too.</li>
 *   <li><b>No half-close</b>: shutdown(SD_SEND) queues DISCONNECT(1) behind TinyTP's data, which ends both
 *       directions. As on every provider, shutdown never ends a blocked recv (after SD_RECEIVE or SD_BOTH only
 *       closesocket, a cancel or SO_RCVTIMEO do), and an overlapped recv already pending at SD_RECEIVE still
 *       completes with what the peer sends; data arriving after it is dropped, its credit returned.</li>
 * </ul>
 *
 * <h2>How the sockets are built</h2>
 * <p>{@link io.jwsp.provider.irda.IrdaSocket} composes the socket kit ({@code io.jwsp.spi.kit}): its
 * {@code SocketCore} (state with CLOSING/CLOSED, event recorder, pending overlapped queues, blocking calls with the
 * provider's cancel registry) on the space's one lock and condition, and the kit's close sequence with IrDA's rows
 * ({@link io.jwsp.provider.irda.IrdaCloseRows}). What stays IrDA's own: the data path over TinyTP's credit
 * ({@link io.jwsp.provider.irda.IrdaDataPath}), the choice of the device a connection leaves from, discovery and
 * IAS ({@link io.jwsp.provider.irda.DeviceRoutes}), the readiness refresh that follows the stack's callbacks, and
 * the 111-selector limit. Overlapped completions decided under the lock (often inside the medium's delivery) wait
 * in the provider's {@code due()} and fire once the lock is released.
 *
 * <h2>Settings ({@code jwsp.irda.KEY}, or {@code irda.KEY} on the runtime builder)</h2>
 * <table>
 *   <caption>The medium's settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>baud</td><td>115200</td><td>line rate; each frame takes (bytes x 10 / baud) s on the provider's clock;
 *       0 delivers at once (the TCK uses it: nobody advances its virtual clock)</td></tr>
 *   <tr><td>dataSize</td><td>2048</td><td>IrLAP data size (64..2048); a data frame carries dataSize - 3 bytes</td></tr>
 *   <tr><td>window</td><td>7</td><td>IrLAP window: I-frames before the receiver's RR (traced)</td></tr>
 *   <tr><td>thresholdMs</td><td>3000</td><td>disconnect threshold: a link out of range this long fails</td></tr>
 *   <tr><td>credit</td><td>4</td><td>TinyTP initial credit each side grants (CE 4, Linux 16)</td></tr>
 *   <tr><td>sndbuf</td><td>16384</td><td>default SO_SNDBUF: bytes TinyTP queues before send blocks</td></tr>
 *   <tr><td>devices</td><td>2 (1 with UDP)</td><td>simulated local devices, all in range of each other</td></tr>
 *   <tr><td>device</td><td>1DA00001 (UDP: 1DA0 + the bind port in hex)</td><td>the first local device's id</td></tr>
 *   <tr><td>nickname</td><td>jwsp</td><td>the first device's nickname (the others get -2, -3 ...)</td></tr>
 *   <tr><td>udp.bind</td><td>(none: in process)</td><td>{@code 127.0.0.1:PORT}: carry frames as UDP datagrams</td></tr>
 *   <tr><td>udp.peer</td><td>(none)</td><td>{@code 127.0.0.1:PORT} of the other process, asked at startup by XID</td></tr>
 *   <tr><td>discoveryMs</td><td>500</td><td>how long discovery over UDP waits for answers</td></tr>
 *   <tr><td>stallMs</td><td>0 (off)</td><td>a closed socket still draining gives up (DISCONNECT at once) after this
 *       long without sending a frame (CE uses 1000)</td></tr>
 *   <tr><td>udp.key</td><td>(none)</td><td>the UDP medium's shared key, 64 hex digits; wins over the key file</td></tr>
 *   <tr><td>udp.keyFile</td><td>~/.jwsp/irda.key</td><td>the key's file: created owner-only (0600, its directory
 *       0700) with a random key on first use; refused when group or others may read it</td></tr>
 *   <tr><td>acceptduplicates</td><td>false</td><td>whether connections other processes duplicate may move into
 *       this one (WSASocket(FROM_PROTOCOL_INFO); UDP medium only)</td></tr>
 *   <tr><td>duplicatettlms</td><td>30000</td><td>how long a connection duplicated into another process waits for
 *       that process's claim</td></tr>
 *   <tr><td>udp.allowNonLoopback</td><td>false</td><td>whether the UDP medium may bind and reach addresses other than
 *       loopback ones (never a wildcard; authenticated either way)</td></tr>
 * </table>
 *
 * <h2>Between processes: threat model</h2>
 * Over UDP every frame travels in an envelope of the {@code io.jwsp.carriage} module: an HMAC-SHA-256 tag (16
 * bytes) under the key both processes share, over the envelope and both UDP addresses; a handshake with fresh
 * nonces per direction; sequence numbers with acknowledgement and retransmission; a keepalive. The attacker is a
 * local process without the key (it can send any datagram to the medium's port and may read loopback traffic):
 * <ul>
 *   <li>it cannot inject or alter a frame, nor speak for another address: the tag fails, the datagram is dropped
 *       and counted ({@code UdpTransport.statistics()}), a WARN is logged at most every 10 s;</li>
 *   <li>it cannot replay one: an old session's nonces are refused, a repeated number within a session is not
 *       delivered twice, a replayed HELLO never displaces the session in use;</li>
 *   <li>it cannot stop a receive thread: every decoder (envelope, frame, XID device, IAS question and answer)
 *       answers "malformed" for any input;</li>
 *   <li>it can flood the port or, if it controls the path, drop datagrams: retransmission repairs losses; silence
 *       past {@code thresholdMs} ends every connection to that process with WSAECONNRESET, as a link out of range
 *       does; it can read frames (the carriage authenticates, it does not encrypt);</li>
 *   <li>a process that holds the key is a peer: it is trusted.</li>
 * </ul>
 *
 * <h2>WSADuplicateSocket into another process: the connection moves</h2>
 * Over UDP only ({@link io.jwsp.provider.irda.handover}). The source exports an open connection for one process
 * id under a single-use random token carried in dwProviderReserved; the target (with {@code acceptduplicates})
 * claims it over the carriage; the source freezes it; the peer, told by the source only, re-points its end at the
 * target once its own frames to the source have left; the source sends the connection with every byte it held
 * (credit, unread frames, unsent bytes, the SOL_SOCKET options) and forgets it. The original handle works until the
 * claim; afterwards send and recv answer WSAESHUTDOWN and its close only releases the handle (no close of it ever
 * touches the connection: the target's last close performs the row). A token that runs out unclaimed after the
 * original closed performs the graceful row. Refusals (WSAEINVAL at the target's WSASocket; WSAETIMEDOUT when the
 * source does not answer) and frames from the wrong process are counted ({@code HandoverCounters}, through
 * {@code unwrap}).
 *
 * <p>In process (the default) each provider instance owns its space: two devices, A (1DA00001) and B (1DA00002).
 * Sockets live on A; a client connecting to a service of A leaves from B (a device never calls itself), so a
 * client and a listener of one runtime talk over a real A-B link. {@link io.jwsp.provider.irda.medium.IrSpace}
 * (through {@code unwrap} or {@code runtime.providerExtension("irda", IrSpace.class)}) adds devices and moves them
 * in and out of range.
 */
package io.jwsp.provider.irda;
