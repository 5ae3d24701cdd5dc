package io.rulegrid.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that complete a client's futures, and run the dependent stages callers attach to them.
 *
 * <p>Why the client has threads of its own: Hazelcast's own futures complete through
 * {@code ConcurrencyUtil.getDefaultAsyncExecutor()}, and {@code CompletableFuture}'s async stages through
 * {@code ForkJoinPool.commonPool()}; on a two-core machine the JVM sizes the common pool to one thread, and both
 * then start a new thread per completion (measured in {@code docs/performance.md}: a seventh of the async
 * throughput). Completing on Hazelcast's response thread instead would be cheapest, but a caller's dependent
 * stage would then run there, and one that blocks would stall every response of the connection.
 *
 * <p>A fixed pool of daemon threads named {@code rulegrid-client-<n>-completion-<i>}, as many as cores (at least
 * two). Once the client is closed, a late completion runs on the thread that delivers it.
 */
final class CompletionExecutor implements Executor, AutoCloseable {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** The prefix of every completion thread's name. */
    static final String THREAD_NAME_PREFIX = "rulegrid-client-";

    private final ThreadPoolExecutor pool;

    CompletionExecutor() {
        int client = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        int size = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, THREAD_NAME_PREFIX + client + "-completion-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** A new future whose async stages without an executor also run here, never on the common pool. */
    <T> CompletableFuture<T> newFuture() {
        return new ClientFuture<>(this);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
