/**
 * The simulated infrared medium: devices, an in-range matrix, and one IrLAP link per device pair carrying IrLMP
 * frames in order, each taking its air time on the provider's clock. Links bring themselves up with SNRM/UA,
 * answer bursts with RR, and fail with reason 2 when out of range past the disconnect threshold. Every frame is
 * reported to the runtime's wire tap (kinds XID, SNRM, UA, IAS, CONNECT, CONFIRM, DATA, CREDIT, RR, DISCONNECT).
 *
 * <p>Between processes, {@link io.jwsp.provider.irda.medium.UdpTransport} carries one frame
 * ({@link io.jwsp.provider.irda.medium.FrameCodec}) per datagram of an authenticated, ordered, lossless carriage
 * with keepalive (the {@code io.jwsp.carriage} module; threat model in the provider's package documentation).
 * Discovery is an XID frame to the configured peer, answered with the devices of the other process. A peer
 * process silent past the disconnect threshold is lost: its links fail with reason 2 on this side.
 */
package io.jwsp.provider.irda.medium;
