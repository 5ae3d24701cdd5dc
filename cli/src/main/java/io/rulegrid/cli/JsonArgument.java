package io.rulegrid.cli;

import io.rulegrid.api.Facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A command-line JSON object given inline or as {@code @FILE}. */
final class JsonArgument {

    private JsonArgument() {
    }

    static Map<String, Object> object(String argument, String what) {
        if (argument == null) {
            return Map.of();
        }
        String json = argument;
        if (argument.startsWith("@")) {
            Path file = Path.of(argument.substring(1));
            try {
                json = Files.readString(file);
            } catch (IOException e) {
                throw new CliException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            return Facts.parse(json);
        } catch (io.rulegrid.api.MalformedFactException e) {
            throw new CliException(what + ": " + e.getMessage(), e);
        }
    }
}
