package io.rulegrid.node.pipeline;

import io.rulegrid.api.Facts;
import io.rulegrid.node.internal.execution.AppliedEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records a pipeline writes: one decision per emitted output, or one dead letter per event not applied. */
final class FeedOutputs {

    private FeedOutputs() {
    }

    /**
     * One record per output of an applied event, keyed by the fact's key so that a fact's decisions keep their
     * order on the decisions topic. {@code index} is the output's position in the evaluation: with {@code eventId}
     * it names a decision. An event applied before gives the same records as the first time, timestamp included,
     * from the fact's ledger.
     */
    static List<OutgoingRecord> decisions(String topic, String ruleset, FeedEvent event, AppliedEvent applied) {
        List<Map<String, Object>> outputs = applied.outputs();
        List<OutgoingRecord> records = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            Map<String, Object> output = outputs.get(i);
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("eventId", event.eventId());
            decision.put("namespace", event.namespace());
            decision.put("key", event.key());
            decision.put("ruleset", ruleset);
            decision.put("version", (long) applied.version());
            decision.put("rule", output.get("rule"));
            decision.put("index", (long) i);
            decision.put("type", output.get("type"));
            decision.put("value", output.get("value"));
            decision.put("timestamp", applied.timestamp());
            records.add(new OutgoingRecord(topic, event.key(), Facts.toJson(decision), event.source(),
                    event.origin().offset()));
        }
        return records;
    }

    /** The event as it arrived, where it came from and why it was not applied; keyed like the original record. */
    static OutgoingRecord deadLetter(String topic, SourceRecord origin, String reason) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("reason", reason);
        letter.put("topic", origin.topic());
        letter.put("partition", (long) origin.partition());
        letter.put("offset", origin.offset());
        letter.put("payload", origin.value());
        return new OutgoingRecord(topic, origin.key(), Facts.toJson(letter),
                origin.source(), origin.offset());
    }
}
