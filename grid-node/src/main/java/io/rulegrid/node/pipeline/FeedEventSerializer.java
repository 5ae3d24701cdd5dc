package io.rulegrid.node.pipeline;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.rulegrid.node.internal.execution.EventOp;

import java.io.IOException;

/**
 * How a pipeline's job writes a {@link FeedEvent} when it crosses to another member (to the owner of its fact's
 * partition) or goes into a snapshot: its fields one after the other, where Java serialization, Jet's fallback for
 * a {@code Serializable} record, would write class descriptors and go through reflection for every event.
 */
public final class FeedEventSerializer implements StreamSerializer<FeedEvent> {

    /** Unique among the serializers of the job's members. */
    static final int TYPE_ID = 7301_01;

    @Override
    public void write(ObjectDataOutput out, FeedEvent event) throws IOException {
        SourceRecord origin = event.origin();
        out.writeString(origin.topic());
        out.writeInt(origin.partition());
        out.writeLong(origin.offset());
        out.writeLong(origin.timestamp());
        out.writeString(origin.key());
        out.writeString(origin.value());
        out.writeString(event.eventId());
        out.writeString(event.namespace());
        out.writeString(event.key());
        out.writeByte(event.op() == null ? -1 : event.op().ordinal());
        out.writeString(event.factJson());
        out.writeString(event.refusal());
        out.writeString(event.aggregatesJson());
    }

    @Override
    public FeedEvent read(ObjectDataInput in) throws IOException {
        SourceRecord origin = new SourceRecord(in.readString(), in.readInt(), in.readLong(), in.readLong(),
                in.readString(), in.readString());
        String eventId = in.readString();
        String namespace = in.readString();
        String key = in.readString();
        byte op = in.readByte();
        return new FeedEvent(origin, eventId, namespace, key, op < 0 ? null : EventOp.values()[op], in.readString(),
                in.readString(), in.readString());
    }

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }
}
