package io.rulegrid.grid;

import io.rulegrid.api.RuleGridException;

import java.util.List;

/**
 * A pipeline command named a pipeline no member configures: the message lists the ones the cluster has, since the
 * likely cause is a typo or a member started with another {@code rulegrid.yaml}.
 */
public class PipelineNotFoundException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    private final String pipeline;
    private final List<String> configured;

    /**
     * @param pipeline   the name asked for
     * @param configured the names the cluster's members configure, sorted; not empty (that is
     *                   {@link PipelinesNotConfiguredException})
     */
    public PipelineNotFoundException(String pipeline, List<String> configured) {
        super("no pipeline \"" + pipeline + "\" is configured on the cluster; its pipelines are: "
                + String.join(", ", configured), null, null, null, null);
        this.pipeline = pipeline;
        this.configured = List.copyOf(configured);
    }

    /** The name asked for. */
    public String pipeline() {
        return pipeline;
    }

    /** The names the cluster's members configure. */
    public List<String> configured() {
        return configured;
    }
}
