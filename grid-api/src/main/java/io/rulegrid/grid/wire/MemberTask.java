package io.rulegrid.grid.wire;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.MemberEngine;

import java.util.concurrent.Callable;

/**
 * A task a client runs on members through the {@link GridNames#EXECUTOR} executor; it runs on an
 * executor thread (never a partition thread), so it may block.
 */
abstract class MemberTask<T> implements Callable<T>, HazelcastInstanceAware, IdentifiedDataSerializable {

    private transient HazelcastInstance instance;

    @Override
    public final void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public final T call() {
        return run((MemberEngine) instance.getUserContext().get(GridNames.ENGINE_CONTEXT_KEY));
    }

    abstract T run(MemberEngine engine);

    @Override
    public final int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }
}
