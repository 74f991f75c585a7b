package dev.muninn.server.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mock's tokenizer: a token is a word, with the whitespace after it. */
final class Words {

    private static final Pattern WORD = Pattern.compile("\\S+\\s*");

    private Words() {
    }

    /** Pieces that concatenate back to {@code text} exactly, one word each. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            // Leading whitespace rides on the first word so nothing is lost.
            pieces.add(text.substring(pieces.isEmpty() ? 0 : matcher.start(), matcher.end()));
        }
        if (pieces.isEmpty() && !text.isEmpty()) {
            pieces.add(text);
        }
        return pieces;
    }

    static int count(String text) {
        Matcher matcher = WORD.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
