package io.rulegrid.node.pipeline;

import com.hazelcast.function.FunctionEx;
import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.node.internal.execution.EventOp;

import java.util.Locale;
import java.util.Map;

/**
 * Reads an event, {@code {"id":…, "namespace":…, "key":…, "op":"upsert"|"patch"|"delete", "fact"|"patch":{…}}}:
 * the namespace defaults to the pipeline's, the key to the Kafka record's key. Never throws: what cannot be applied becomes a
 * refused {@link FeedEvent}, so one bad event never fails the job.
 */
public final class EventParser implements FunctionEx<SourceRecord, FeedEvent> {

    private static final long serialVersionUID = 1L;

    private final String defaultNamespace;

    public EventParser(String defaultNamespace) {
        this.defaultNamespace = GridNames.checkNamespace(defaultNamespace);
    }

    @Override
    public FeedEvent applyEx(SourceRecord record) {
        if (record.value() == null) {
            return FeedEvent.refused(record, "the record has no value; an event is a JSON object");
        }
        Map<String, Object> event;
        try {
            event = Facts.parse(record.value());
        } catch (MalformedFactException e) {
            return FeedEvent.refused(record, "malformed event: " + e.getMessage());
        }
        Object id = event.get("id");
        String eventId = id == null ? null : String.valueOf(id);
        Object namespace = event.getOrDefault("namespace", defaultNamespace);
        if (!(namespace instanceof String name)) {
            return FeedEvent.refused(record, "\"namespace\" must be a string but is " + namespace);
        }
        try {
            GridNames.checkNamespace(name);
        } catch (IllegalArgumentException e) {
            return FeedEvent.refused(record, e.getMessage());
        }
        Object key = event.containsKey("key") ? event.get("key") : record.key();
        if (!(key instanceof String factKey) || factKey.isEmpty()) {
            return FeedEvent.refused(record, "no key: the event has no \"key\" and the record no key");
        }
        Object op = event.get("op");
        if (!(op instanceof String opName)) {
            return FeedEvent.refused(record, "no op: give \"op\": \"upsert\", \"patch\" or \"delete\"");
        }
        switch (opName.toLowerCase(Locale.ROOT)) {
            case "upsert" -> {
                if (!(event.get("fact") instanceof Map<?, ?> fact)) {
                    return FeedEvent.refused(record, "an upsert needs \"fact\": a JSON object");
                }
                return FeedEvent.operation(record, eventId, name, factKey, EventOp.UPSERT, Facts.toJson(fact));
            }
            case "delete" -> {
                return FeedEvent.operation(record, eventId, name, factKey, EventOp.DELETE, null);
            }
            case "patch" -> {
                if (!(event.get("patch") instanceof Map<?, ?> patch)) {
                    return FeedEvent.refused(record, "a patch needs \"patch\": a JSON object to merge into the fact");
                }
                return FeedEvent.operation(record, eventId, name, factKey, EventOp.PATCH, Facts.toJson(patch));
            }
            default -> {
                return FeedEvent.refused(record, "unknown op \"" + opName + "\"; give \"upsert\", \"patch\" or"
                        + " \"delete\"");
            }
        }
    }
}
