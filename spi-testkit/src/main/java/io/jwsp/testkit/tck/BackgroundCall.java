package io.jwsp.testkit.tck;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A call made on its own (platform, daemon) thread, so the test thread can close the socket under it. */
public final class BackgroundCall<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;
    private final String what;

    private BackgroundCall(String what, Callable<T> call) {
        this.what = what;
        this.thread = Thread.ofPlatform().daemon().name("tck-" + what).unstarted(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    public static <T> BackgroundCall<T> start(String what, Callable<T> call) {
        BackgroundCall<T> c = new BackgroundCall<>(what, call);
        c.thread.start();
        return c;
    }

    public Thread thread() {
        return thread;
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Waits up to {@code realTime} for the call to return; answers whether it has. */
    public boolean await(Duration realTime) {
        try {
            result.get(realTime.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
        return true;
    }

    /** The call's answer; an AssertionError when it has not returned within {@code realTimeout}. */
    public T join(Duration realTimeout) {
        try {
            return result.get(realTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not return within " + realTimeout.toMillis() + " ms (real time)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause() + " instead of answering a WsaError",
                    e.getCause());
        }
    }
}
