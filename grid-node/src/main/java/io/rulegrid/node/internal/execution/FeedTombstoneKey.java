package io.rulegrid.node.internal.execution;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.PartitionAware;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.WireTypes;

import java.io.IOException;
import java.util.Objects;

/**
 * The key of a deleted fact's tombstone in {@link GridNames#FEED_TOMBSTONES_MAP}: the namespace and the fact's key,
 * partitioned by the fact's key, so that the tombstone lives in the fact's partition and the feed's entry processor
 * reads and writes it on the partition thread it already runs on, in the same operation.
 */
public final class FeedTombstoneKey implements PartitionAware<String>, IdentifiedDataSerializable {

    private String namespace;
    private String key;

    FeedTombstoneKey() {
    }

    public FeedTombstoneKey(String namespace, String key) {
        this.namespace = namespace;
        this.key = key;
    }

    @Override
    public String getPartitionKey() {
        return key;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(namespace);
        out.writeString(key);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        namespace = in.readString();
        key = in.readString();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.FEED_TOMBSTONE_KEY;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeedTombstoneKey that && namespace.equals(that.namespace) && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, key);
    }

    @Override
    public String toString() {
        return namespace + "/" + key;
    }
}
