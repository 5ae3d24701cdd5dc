package io.rulegrid.rules.internal.engine;

/** Turns what an expression threw into a message a rule author can act on. */
final class Failures {

    private Failures() {
    }

    /**
     * The innermost useful message: MVEL wraps the real cause and decorates messages with the expression
     * text over several lines; the first line of the deepest message is the one that says what went wrong.
     */
    static String describe(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = firstLine(deepest.getMessage());
        if (message.isEmpty() && deepest != failure) {
            message = firstLine(failure.getMessage());
        }
        String type = deepest.getClass().getSimpleName();
        return message.isEmpty() ? type : deepest instanceof RuntimeException && isMvel(deepest) ? message
                : type + ": " + message;
    }

    private static boolean isMvel(Throwable t) {
        return t.getClass().getName().startsWith("org.mvel2.");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").trim();
        if (line.startsWith("[Error: ") && line.endsWith("]")) {
            line = line.substring("[Error: ".length(), line.length() - 1);
        }
        return line;
    }
}
