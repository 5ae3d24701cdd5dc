package io.rulegrid.grid.wire;

import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.util.concurrent.Callable;

/**
 * A task a client sends to members through the {@link io.rulegrid.grid.GridNames#EXECUTOR} executor. This class
 * is the task's data; a member registers its own subclass for the same class id, which runs it on an executor
 * thread (never a partition thread, so it may block).
 */
public abstract class MemberTask<T> implements Callable<T>, IdentifiedDataSerializable {

    /**
     * Runs only in the member's subclass.
     *
     * @throws IllegalStateException always: this JVM has the client's wire types, not a member's
     */
    @Override
    public T call() {
        throw new IllegalStateException(getClass().getSimpleName() + " runs on a RuleGrid member, and this JVM"
                + " registered only the client's wire types");
    }

    @Override
    public final int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }
}
