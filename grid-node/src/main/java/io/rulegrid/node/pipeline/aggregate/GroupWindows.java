package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;

/**
 * The Jet keyed state of one group in one grouping: a {@link WindowState} per slot of the grouping, made when the
 * group's first event arrives.
 */
final class GroupWindows implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private WindowState[] windows;

    /** The window of a slot, made with the slot's length and lateness on first use. */
    WindowState window(int slot, AggregationPlan.Slot spec, int slotCount) {
        if (windows == null) {
            windows = new WindowState[slotCount];
        }
        if (windows[slot] == null) {
            windows[slot] = new WindowState(spec.windowMillis(), spec.allowedLatenessMillis());
        }
        return windows[slot];
    }
}
