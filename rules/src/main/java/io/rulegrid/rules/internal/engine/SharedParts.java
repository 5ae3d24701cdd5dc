package io.rulegrid.rules.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The condition parts several rules share, by slot: which slots to forget when a field changes, because
 * their remembered value may no longer hold.
 */
final class SharedParts {

    private static final int[] NONE = new int[0];

    private final int count;
    private final Map<String, int[]> slotsReading;
    private final int[] slotsReadingEverything;

    private SharedParts(int count, Map<String, int[]> slotsReading, int[] slotsReadingEverything) {
        this.count = count;
        this.slotsReading = slotsReading;
        this.slotsReadingEverything = slotsReadingEverything;
    }

    static SharedParts of(List<ConditionPart> shared) {
        Map<String, List<Integer>> byField = new HashMap<>();
        List<Integer> everything = new ArrayList<>();
        for (int slot = 0; slot < shared.size(); slot++) {
            for (String field : shared.get(slot).reads()) {
                if (field.equals("*")) {
                    everything.add(slot);
                } else {
                    byField.computeIfAbsent(field, f -> new ArrayList<>()).add(slot);
                }
            }
        }
        Map<String, int[]> slotsReading = new HashMap<>();
        byField.forEach((field, slots) -> slotsReading.put(field, slots.stream().mapToInt(Integer::intValue).toArray()));
        return new SharedParts(shared.size(), slotsReading,
                everything.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The number of slots an evaluation needs. */
    int count() {
        return count;
    }

    /** Forgets every remembered value. */
    void forgetAll(byte[] memory) {
        java.util.Arrays.fill(memory, (byte) 0);
    }

    /** Forgets the remembered values that read {@code field}. */
    void forget(byte[] memory, String field) {
        for (int slot : slotsReading.getOrDefault(field, NONE)) {
            memory[slot] = 0;
        }
        for (int slot : slotsReadingEverything) {
            memory[slot] = 0;
        }
    }
}
