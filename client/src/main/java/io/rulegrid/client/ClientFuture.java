package io.rulegrid.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A future the client returns: {@code thenApplyAsync(fn)} and the other async stages given no executor run on
 * the client's {@link CompletionExecutor} instead of the JVM's common pool, and so do the stages derived from
 * them.
 */
final class ClientFuture<T> extends CompletableFuture<T> {

    private final Executor executor;

    ClientFuture(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Executor defaultExecutor() {
        return executor;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ClientFuture<>(executor);
    }
}
