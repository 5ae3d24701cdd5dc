package io.rulegrid.client;

/**
 * A ruleset version now active on every member.
 *
 * @param name    the ruleset's name
 * @param version the active version
 */
public record Deployment(String name, int version) {

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
