/**
 * Extension functions, obtained as Winsock does: {@code WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)} with a GUID
 * ({@link io.jwsp.spi.ext.ExtensionGuids}) reaches the provider's WSPIoctl, which answers a function object
 * ({@link io.jwsp.spi.ext.ExtensionFunction}) bound to that provider, or WSAEINVAL for a GUID it does not know (what
 * Windows answers). The catalog entry lists the GUIDs its provider answers
 * ({@link io.jwsp.spi.catalog.ProtocolInfo#extensionFunctions()}). The functions themselves live in one package
 * each ({@code ext.accept}, {@code ext.connect}); the socket kit's {@code io.jwsp.spi.kit.ext} offers them to a
 * provider on the kit.
 */
package io.jwsp.spi.ext;
