package dev.muninn.server.mock;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A magic command at the start of a user message: {@code /echo}, {@code /fail <status>}, {@code /slow <ms>}. */
record MockCommand(Kind kind, int argument) {

    enum Kind { NONE, ECHO, FAIL, SLOW }

    static final int LONGEST_SLOW_MILLIS = 300_000;

    private static final Pattern COMMAND = Pattern.compile("^/(echo|fail|slow)\\b\\s*(\\S*)");

    static MockCommand parse(String text) {
        Matcher matcher = COMMAND.matcher(text.stripLeading());
        if (!matcher.find()) {
            return new MockCommand(Kind.NONE, 0);
        }
        String argument = matcher.group(2);
        return switch (matcher.group(1)) {
            case "echo" -> new MockCommand(Kind.ECHO, 0);
            case "fail" -> new MockCommand(Kind.FAIL, number(argument, 400, 599, "/fail <status> needs an HTTP status from 400 to 599"));
            default -> new MockCommand(Kind.SLOW, number(argument, 0, LONGEST_SLOW_MILLIS,
                    "/slow <ms> needs a number of milliseconds from 0 to " + LONGEST_SLOW_MILLIS));
        };
    }

    /** Throws the requested failure, or waits the requested time; other commands do nothing here. */
    void failOrWait() {
        if (kind == Kind.FAIL) {
            throw MockLlmException.requested(argument);
        }
        if (kind == Kind.SLOW) {
            try {
                Thread.sleep(argument);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int number(String text, int min, int max, String usage) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the usage.
        }
        throw MockLlmException.invalidRequest(usage, "messages");
    }
}
