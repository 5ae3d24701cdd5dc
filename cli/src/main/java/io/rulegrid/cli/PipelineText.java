package io.rulegrid.cli;

import io.rulegrid.client.PipelineChange;
import io.rulegrid.client.PipelineInfo;
import io.rulegrid.client.PipelineMetrics;
import io.rulegrid.client.PipelineState;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** How the pipeline commands print pipelines and what a start or stop did. */
final class PipelineText {

    private static final String NONE = "-";

    private PipelineText() {
    }

    /** One row per pipeline, the suspension cause under a suspended one. */
    static void table(PrintWriter out, List<PipelineInfo> pipelines) {
        out.printf("%-16s %-13s %-24s %-16s %-16s %-19s %8s %8s%n", "PIPELINE", "STATE", "TOPIC", "NAMESPACE",
                "RULESET", "SUBMITTED", "READ", "WRITTEN");
        for (PipelineInfo p : pipelines) {
            PipelineMetrics metrics = p.metrics();
            out.printf("%-16s %-13s %-24s %-16s %-16s %-19s %8s %8s%n", p.name(), p.state(), p.topic(),
                    p.namespace(), p.ruleset(), time(p.submittedAt()),
                    metrics == null ? NONE : metrics.eventsRead(), metrics == null ? NONE : metrics.recordsWritten());
            if (p.suspensionCause() != null) {
                out.printf("  suspended: %s%n", p.suspensionCause());
            }
            if (p.failure() != null) {
                out.printf("  failed: %s%n", p.failure());
            }
        }
    }

    /** One pipeline, one field a line. */
    static void details(PrintWriter out, PipelineInfo p) {
        PipelineMetrics metrics = p.metrics();
        line(out, "pipeline", p.name());
        line(out, "state", p.state().toString());
        line(out, "job", p.jobName() + (p.jobId() == null ? "" : " (" + p.jobId() + ")"));
        line(out, "submitted", time(p.submittedAt()));
        if (p.suspensionCause() != null) {
            line(out, "suspended", p.suspensionCause());
        }
        if (p.failure() != null) {
            line(out, "failed", p.failure());
        }
        line(out, "topic", p.topic());
        line(out, "namespace", p.namespace());
        line(out, "ruleset", p.ruleset());
        line(out, "decisions topic", p.decisionsTopic());
        line(out, "dead-letter topic", p.deadLetterTopic());
        line(out, "events read", metrics == null ? NONE : Long.toString(metrics.eventsRead()));
        line(out, "records written", metrics == null ? NONE : Long.toString(metrics.recordsWritten()));
    }

    static String started(PipelineChange change) {
        PipelineInfo p = change.pipeline();
        return switch (change.action()) {
            case SUBMITTED -> "started " + p.name() + ": submitted job " + p.jobId() + " (" + p.state() + ")";
            case RESUMED -> "started " + p.name() + ": resumed job " + p.jobId() + " from its last snapshot ("
                    + p.state() + ")";
            default -> p.name() + " is already running (job " + p.jobId() + ", " + p.state() + ")";
        };
    }

    static String stopped(PipelineChange change) {
        PipelineInfo p = change.pipeline();
        if (change.action() == PipelineChange.Action.SUSPENDED) {
            return "stopped " + p.name() + ": suspended job " + p.jobId() + " with a snapshot; `rulegrid pipeline"
                    + " start " + p.name() + "` resumes it from there";
        }
        if (p.state() == PipelineState.SUSPENDED) {
            return p.name() + " is already stopped (job " + p.jobId() + ", " + p.state() + ")";
        }
        return p.name() + " is not running (" + p.state() + "); nothing to stop";
    }

    private static void line(PrintWriter out, String field, String value) {
        out.printf("%-18s %s%n", field, value);
    }

    /** To the second, UTC, as the other commands print times. */
    private static String time(Instant at) {
        return at == null ? NONE : at.toString().substring(0, 19);
    }
}
