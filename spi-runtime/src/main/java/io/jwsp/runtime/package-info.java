/**
 * The ws2_32 role of jwsp: one {@link io.jwsp.runtime.JwspRuntime} per Guice injector (or per
 * {@link io.jwsp.runtime.JwspRuntimeBuilder#build()}), nothing shared between runtimes.
 *
 * <p>Decisions this runtime makes, beyond the contract in {@code io.jwsp.spi}:
 * <ul>
 *   <li><b>Check order</b> of every {@link io.jwsp.runtime.Winsock} call: WSANOTINITIALISED, then the handle
 *       (WSAENOTSOCK; handles are {@code generation << 32 | slot}, so stale and invented values always miss, and a
 *       handle whose last close is under way misses too), then WSAEINPROGRESS for a blocking call made from a
 *       completion routine that interrupted a blocking call of the same thread, then the arguments (WSAEFAULT for
 *       null buffers, addresses, option values; raw option lengths), then the provider. Each call looks its handle
 *       up once. Every call records its outcome as the thread's last error (WSA_IO_PENDING for pending); whatever
 *       a provider throws (exception or error), or a {@code null} answer, is logged and answers
 *       WSASYSCALLFAILURE.</li>
 *   <li><b>Catalog order</b>: base providers by priority, then name, then provider id (a bound
 *       {@link io.jwsp.runtime.guice.ProviderOrder} puts names first); each provider's entries in declared order;
 *       ids from 1001. Chains sit just before their base entry; layers' own hidden entries at the end.</li>
 *   <li><b>Close</b>: only the last handle of a socket reaches {@code WspSocket.closeSocket}; a failed close
 *       (WSAEWOULDBLOCK included) leaves the handle and the share count untouched. A socket a provider makes or
 *       accepts while the last WSACleanup runs is closed, and the call answers WSANOTINITIALISED.</li>
 *   <li><b>Overlapped records</b>: the runtime calls {@code Overlapped.begin(issuer)} before passing a record down
 *       (a record in use answers WSAEINVAL); providers accept a record already pending. When the provider fails
 *       the call at once, the runtime releases the record without a completion action.</li>
 *   <li><b>APCs</b> (completion routines) run on the issuing thread in alertable waits (which then answer
 *       WAIT_IO_COMPLETION) and while that thread is blocked in a provider call: providers' clocks run queued APCs
 *       before parking, with the provider's lock released meanwhile.</li>
 *   <li><b>Provider lifecycle</b>: each base provider is created and started (asked for 2.2) at first use, kept
 *       for the runtime's life, and cleaned up at the last WSACleanup; a provider whose create or startup fails
 *       answers WSAEPROVIDERFAILEDINIT, logged by name.</li>
 * </ul>
 */
package io.jwsp.runtime;
