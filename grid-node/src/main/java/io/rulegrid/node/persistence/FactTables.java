package io.rulegrid.node.persistence;

import io.rulegrid.grid.GridNames;

/**
 * The PostgreSQL table of a persistent namespace: {@code facts_} and the namespace with {@code -} written
 * {@code _}. The only way a name reaches SQL as an identifier: the namespace is checked against
 * {@link GridNames#checkNamespace} ({@code [a-z][a-z0-9_-]*}), so the table name is {@code [a-z0-9_]} only and
 * can never end an identifier or a statement, and it is quoted besides.
 */
public final class FactTables {

    private static final String PREFIX = "facts_";
    /** PostgreSQL cuts longer identifiers to 63 bytes silently, which could make two namespaces share a table. */
    private static final int MAX_IDENTIFIER_LENGTH = 63;

    private FactTables() {
    }

    /**
     * The table name of a namespace, unquoted.
     *
     * @throws IllegalArgumentException if the namespace is not valid, or too long for a PostgreSQL identifier
     */
    public static String tableName(String namespace) {
        GridNames.checkNamespace(namespace);
        String table = PREFIX + namespace.replace('-', '_');
        if (table.length() > MAX_IDENTIFIER_LENGTH) {
            throw new IllegalArgumentException("namespace '" + namespace + "' is too long to be persistent: its table "
                    + table + " would exceed PostgreSQL's " + MAX_IDENTIFIER_LENGTH + " characters; use at most "
                    + (MAX_IDENTIFIER_LENGTH - PREFIX.length()) + " characters");
        }
        return table;
    }

    /** The table of a namespace as a quoted SQL identifier, for statements. */
    static String quotedTableName(String namespace) {
        return '"' + tableName(namespace) + '"';
    }
}
