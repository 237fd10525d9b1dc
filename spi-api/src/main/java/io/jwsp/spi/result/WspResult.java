package io.jwsp.spi.result;

import java.util.Objects;
import java.util.function.Function;

/**
 * What every contract call answers, in place of ws2spi.h's return value plus {@code lpErrno}: success with a
 * value, pending (an overlapped operation is under way and will complete through its own completion path), or
 * SOCKET_ERROR with exactly one {@link WsaError}. A failure can never lack its code, and no socket error is thrown.
 */
public sealed interface WspResult<T> permits WspResult.Ok, WspResult.Pending, WspResult.Failed {

    /** Success; {@code value} is {@code null} for calls that return nothing but zero. */
    record Ok<T>(T value) implements WspResult<T> {
        @Override public boolean isOk() { return true; }
        @Override public boolean isPending() { return false; }
        @Override public WsaError error() { return null; }
    }

    /** WSA_IO_PENDING as an outcome of its own: the overlapped operation completes later. */
    record Pending<T>() implements WspResult<T> {
        @Override public boolean isOk() { return false; }
        @Override public boolean isPending() { return true; }
        @Override public WsaError error() { return null; }
        @Override public T value() { throw new IllegalStateException("pending: the operation completes later"); }
    }

    /** SOCKET_ERROR with its code. */
    record Failed<T>(WsaError error) implements WspResult<T> {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
        @Override public boolean isOk() { return false; }
        @Override public boolean isPending() { return false; }
        @Override public T value() { throw new WsaException(error); }
    }

    boolean isOk();

    boolean isPending();

    /** The error of a failure; {@code null} for success and pending. */
    WsaError error();

    /** The value of a success; throws for pending and failure (a {@link WsaException} for failure). */
    T value();

    default boolean isFailed() {
        return error() != null;
    }

    /** The Winsock return convention: 0 for success, SOCKET_ERROR (-1) otherwise. */
    default int returnCode() {
        return isOk() ? 0 : -1;
    }

    /** The code lpErrno would hold: 0 for success, 997 for pending, the error's number otherwise. */
    default int errno() {
        if (isOk()) {
            return 0;
        }
        return isPending() ? WsaError.WSA_IO_PENDING.code() : error().code();
    }

    /** Whether this is a failure with exactly {@code e}. */
    default boolean is(WsaError e) {
        return error() == e;
    }

    default T orElseThrow() {
        return value();
    }

    /** Maps a success; pending and failure pass through unchanged. */
    @SuppressWarnings("unchecked")
    default <U> WspResult<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T>(T v)) {
            return new Ok<>(f.apply(v));
        }
        return (WspResult<U>) this;
    }

    @SuppressWarnings("unchecked")
    default <U> WspResult<U> flatMap(Function<? super T, WspResult<U>> f) {
        if (this instanceof Ok<T>(T v)) {
            return f.apply(v);
        }
        return (WspResult<U>) this;
    }

    /** Re-types a pending or failed result; a success is an error to re-type. */
    @SuppressWarnings("unchecked")
    default <U> WspResult<U> retype() {
        if (isOk()) {
            throw new IllegalStateException("a success cannot be re-typed");
        }
        return (WspResult<U>) this;
    }

    Ok<Void> OK = new Ok<>(null);
    Pending<?> PENDING = new Pending<>();

    static WspResult<Void> ok() {
        return OK;
    }

    /**
     * A success with {@code value}. A small non-negative {@link Integer} (a byte count, mostly) answers a shared
     * success: an {@code Ok} is immutable and compares by value, so sharing it is invisible to callers, and the data
     * path allocates no result of its own.
     */
    @SuppressWarnings("unchecked")
    static <T> WspResult<T> ok(T value) {
        if (value instanceof Integer n && SmallCounts.covers(n)) {
            return (WspResult<T>) SmallCounts.of(n);
        }
        return new Ok<>(value);
    }

    @SuppressWarnings("unchecked")
    static <T> WspResult<T> pending() {
        return (WspResult<T>) PENDING;
    }

    static <T> WspResult<T> fail(WsaError error) {
        return new Failed<>(error);
    }
}
