package io.rulegrid.client;

import io.rulegrid.grid.RetriableGridException;
import io.rulegrid.api.RuleGridException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for grid calls without hiding their errors. */
final class Calls {

    private Calls() {
    }

    /**
     * The call's value; a RuleGrid error thrown by the call is rethrown as it is, anything else is wrapped
     * with what was being done.
     */
    static <T> T await(Future<T> call, String what) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuleGridException("interrupted while waiting to " + what, null, null, null, e);
        } catch (ExecutionException | CompletionException e) {
            throw unwrap(e, what);
        }
    }

    /** As {@link #await}, for the client's own futures. */
    static <T> T join(CompletableFuture<T> call, String what) {
        try {
            return call.join();
        } catch (RuntimeException e) {
            throw unwrap(e, what);
        }
    }

    static RuleGridException unwrap(Throwable failure, String what) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuleGridException grid) {
            return grid;
        }
        if (RetriableGridException.isRetriable(cause)) {
            return new RetriableGridException("cannot " + what + " (retriable: the outcome is unknown or the member"
                    + " is gone): " + cause, null, null, cause);
        }
        return new RuleGridException("cannot " + what + ": " + cause, null, null, null, cause);
    }
}
