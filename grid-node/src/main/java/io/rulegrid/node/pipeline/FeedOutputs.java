package io.rulegrid.node.pipeline;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.api.Output;
import io.rulegrid.grid.wire.EvaluationOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records a pipeline writes: one decision per emitted output, or one dead letter per event not applied. */
final class FeedOutputs {

    private FeedOutputs() {
    }

    /**
     * One record per output of a successful evaluation, keyed by the fact's key so that a fact's decisions keep
     * their order on the decisions topic. {@code index} is the output's position in the evaluation: with
     * {@code eventId} it names a decision across the re-deliveries of at-least-once processing.
     */
    static List<OutgoingRecord> decisions(String topic, FeedEvent event, EvaluationOutcome outcome, long timestamp) {
        EvaluationResult result = outcome.result();
        List<OutgoingRecord> records = new ArrayList<>(result.outputs().size());
        for (int i = 0; i < result.outputs().size(); i++) {
            Output output = result.outputs().get(i);
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("eventId", event.eventId());
            decision.put("namespace", event.namespace());
            decision.put("key", event.key());
            decision.put("ruleset", outcome.ruleset());
            decision.put("version", (long) outcome.version());
            decision.put("rule", output.rule());
            decision.put("index", (long) i);
            decision.put("type", output.type());
            decision.put("value", output.value());
            decision.put("timestamp", timestamp);
            records.add(new OutgoingRecord(topic, event.key(), Facts.toJson(decision)));
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
        return new OutgoingRecord(topic, origin.key(), Facts.toJson(letter));
    }
}
