package io.rulegrid.client;

import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.ExecutorServiceSubmitToMemberCodec;
import com.hazelcast.client.impl.protocol.codec.MapSubmitToKeyCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import io.rulegrid.grid.GridNames;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The client's asynchronous calls to members, as futures completed on its {@link CompletionExecutor} with
 * RuleGrid's errors ({@link Calls#unwrap}).
 *
 * <p>Entry processors are not sent with {@code IMap.submitToKey}: Hazelcast 5.6 wraps its answer in a
 * {@code ClientDelegatingFuture} that completes itself through {@code ConcurrencyUtil.getDefaultAsyncExecutor()},
 * which starts a new thread per call where the common pool has one thread (two cores), whatever executor the
 * caller chains with. {@link #onKeyOwner} sends the same request ({@code MapSubmitToKeyCodec}, to the key's
 * partition owner, as {@code submitToKey} does) and hands the response from the response thread straight to
 * the completion executor. Bulk and batch evaluations go the same way to the members that own
 * the partitions ({@link #onMember}). It uses Hazelcast's client internals, pinned by the parent pom's Hazelcast
 * version; {@code RuleGridClientTest} and {@code CompletionThreadsTest} fail if they change.
 */
final class GridCalls {

    private final HazelcastInstance hazelcast;
    private final HazelcastClientInstanceImpl client;
    private final SerializationService serialization;
    private final CompletionExecutor completions;

    GridCalls(HazelcastInstance hazelcast, CompletionExecutor completions) {
        this.hazelcast = hazelcast;
        this.client = ((HazelcastClientProxy) hazelcast).client;
        this.serialization = client.getSerializationService();
        this.completions = completions;
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Runs {@code processor} on the entry {@code key} of map {@code mapName}, on the key's owner. */
    <R> CompletableFuture<R> onKeyOwner(String mapName, String key, EntryProcessor<String, ?, ?> processor,
                                        String what) {
        CompletableFuture<R> answer = completions.newFuture();
        Data keyData = serialization.toData(key);
        ClientMessage request = MapSubmitToKeyCodec.encodeRequest(mapName, serialization.toData(processor), keyData,
                Thread.currentThread().getId());
        int partition = client.getClientPartitionService().getPartitionId(keyData);
        new ClientInvocation(client, request, mapName, partition).invoke()
                .whenCompleteAsync(completing(answer, what, response ->
                        serialization.toObject(MapSubmitToKeyCodec.decodeResponse(response))), completions);
        return answer;
    }

    /** The cluster's partition count. */
    int partitionCount() {
        return client.getClientPartitionService().getPartitionCount();
    }

    /** The partition of a key. */
    int partitionOf(String key) {
        return client.getClientPartitionService().getPartitionId(serialization.toData(key));
    }

    /** The member that owns a partition, as the client's partition table says; {@code null} if none yet. */
    UUID ownerOf(int partitionId) {
        return client.getClientPartitionService().getPartitionOwner(partitionId);
    }

    /**
     * Runs a task of RuleGrid's executor on one member (the same request as {@code IExecutorService.submitToMember});
     * fails if that member left.
     */
    <R> CompletableFuture<R> onMember(UUID member, Callable<R> task, String what) {
        CompletableFuture<R> answer = completions.newFuture();
        ClientMessage request = ExecutorServiceSubmitToMemberCodec.encodeRequest(GridNames.EXECUTOR,
                UUID.randomUUID(), serialization.toData(task), member);
        new ClientInvocation(client, request, GridNames.EXECUTOR, member).invoke()
                .whenCompleteAsync(completing(answer, what, response ->
                        serialization.toObject(ExecutorServiceSubmitToMemberCodec.decodeResponse(response))),
                        completions);
        return answer;
    }

    /**
     * A future of the client's (its dependent stages default to the completion threads) completed as
     * {@code combined} is: for results the client combines from several calls.
     */
    <R> CompletableFuture<R> asClientFuture(CompletableFuture<R> combined) {
        CompletableFuture<R> answer = completions.newFuture();
        combined.whenComplete((value, failure) -> {
            if (failure == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }

    /** Runs {@code action} on the completion threads after a delay. */
    void later(long millis, Runnable action) {
        CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS, completions).execute(action);
    }

    private static <M, R> BiConsumer<M, Throwable> completing(CompletableFuture<R> answer, String what,
                                                              java.util.function.Function<M, R> decode) {
        return (response, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(Calls.unwrap(failure, what));
                return;
            }
            try {
                answer.complete(decode.apply(response));
            } catch (RuntimeException e) {
                answer.completeExceptionally(Calls.unwrap(e, what));
            }
        };
    }
}
