package io.jwsp.spi.ext;

/**
 * A function object an extension GUID names: what {@code WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)} answers, the
 * Java counterpart of the function pointer. It is bound to the provider that answered it: call it only with sockets
 * of that provider. Each extension function is its own interface extending this one ({@link ExtensionId#type()}).
 */
public interface ExtensionFunction {
}
