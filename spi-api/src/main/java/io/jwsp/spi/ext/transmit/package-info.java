/**
 * TransmitFile and TransmitPackets, the extension functions that send file data and memory without the
 * application's own send loop, and their arguments (TRANSMIT_FILE_BUFFERS, TRANSMIT_PACKETS_ELEMENT). A file is a
 * {@link java.nio.channels.FileChannel} the caller opened and still owns. The kit's
 * {@link io.jwsp.spi.kit.transmit.TransmitExtensions} runs both on a provider socket's own send path.
 */
package io.jwsp.spi.ext.transmit;
