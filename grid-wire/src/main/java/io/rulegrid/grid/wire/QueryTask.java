package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

/** A member task that only asks: it carries no fields, so nothing is written or read. */
public abstract class QueryTask<T> extends MemberTask<T> {

    @Override
    public final void writeData(ObjectDataOutput out) {
        // no fields: the task only asks
    }

    @Override
    public final void readData(ObjectDataInput in) {
        // no fields: the task only asks
    }
}
