package io.rulegrid.node.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A namespace becomes a table name only through the namespace check: nothing else can reach SQL as an identifier. */
class FactTablesTest {

    @Test
    void validNamespacesMapToQuotedLowerCaseIdentifiers() {
        assertThat(FactTables.tableName("products")).isEqualTo("facts_products");
        assertThat(FactTables.tableName("order-lines_2")).isEqualTo("facts_order_lines_2");
        assertThat(FactTables.quotedTableName("order-lines")).isEqualTo("\"facts_order_lines\"");
        assertThat(FactTables.tableName("n".repeat(57))).hasSize(63);
    }

    @Test
    void namesThatCouldBreakOutOfAnIdentifierAreRefused() {
        for (String unsafe : new String[] {"products\"; DROP TABLE rulesets; --", "Products", "1st", "a b", "a.b",
                "\u0430pples", "", null, "x'y", "n".repeat(58)}) {
            assertThatThrownBy(() -> FactTables.tableName(unsafe)).as("%s", unsafe)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
