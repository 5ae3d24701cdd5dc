package io.rulegrid.devservices;

/**
 * One database of a {@link PostgresService} and how to log in to it.
 *
 * @param name     the database's name
 * @param url      its JDBC URL, {@code jdbc:postgresql://127.0.0.1:port/name}
 * @param user     the role that owns it
 * @param password that role's password
 */
public record PostgresDatabase(String name, String url, String user, String password) {

    @Override
    public String toString() {
        // no password in logs and assertion messages
        return "PostgresDatabase[" + url + " as " + user + "]";
    }
}
