/**
 * Extension functions as the application holds them: {@link io.jwsp.runtime.Winsock#extensionFunction} (or
 * {@code ioctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, guid)}) asks the socket's provider through WSPIoctl and answers
 * a function object taking handles, bound to that provider.
 */
package io.jwsp.runtime.ext;
