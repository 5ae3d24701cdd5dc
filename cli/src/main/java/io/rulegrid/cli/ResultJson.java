package io.rulegrid.cli;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.api.Output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an evaluation result printed by {@code eval} and {@code evaluate}:
 * {@code {"ruleset", "fired", "modified", "outputs", "fact", "retracted", "halted", "elapsedNanos"}}.
 */
final class ResultJson {

    private ResultJson() {
    }

    static Map<String, Object> of(EvaluationResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ruleset", result.ruleset());
        json.put("fired", result.fired());
        json.put("modified", result.modified());
        List<Map<String, Object>> outputs = result.outputs().stream().map(ResultJson::output).toList();
        json.put("outputs", outputs);
        json.put("fact", result.fact());
        json.put("retracted", result.retracted());
        json.put("halted", result.halted());
        json.put("elapsedNanos", result.elapsedNanos());
        return json;
    }

    static String text(Map<String, Object> json) {
        return Facts.toJson(json);
    }

    private static Map<String, Object> output(Output output) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", output.rule());
        json.put("type", output.type());
        json.put("value", output.value());
        return json;
    }
}
