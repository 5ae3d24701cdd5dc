package io.rulegrid.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No rule text can reach MVEL because MVEL is not there: the client, the member (a test dependency here) and
 * the rule engine bring it in no scope an application gets. Only the rule engine's tests use it, as the
 * oracle of the differential test, and the benchmarks, for their Easy Rules baseline.
 */
class NoMvelOnTheClasspathTest {

    @Test
    void noProductionModuleBringsMvel() {
        assertThatThrownBy(() -> Class.forName("org.mvel2.MVEL")).isInstanceOf(ClassNotFoundException.class);
    }
}
