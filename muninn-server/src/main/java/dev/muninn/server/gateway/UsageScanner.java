package dev.muninn.server.gateway;

/**
 * Finds {@code prompt_tokens} and {@code completion_tokens} in relayed bytes without parsing
 * them, for the token meters. A count split across two stream reads is missed; the meters are
 * for trends, and parsing every chunk would cost more than the count is worth.
 */
final class UsageScanner {

    private static final byte[] PROMPT = "\"prompt_tokens\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] COMPLETION = "\"completion_tokens\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private UsageScanner() {
    }

    /** {prompt, completion}; -1 where absent. */
    static long[] scan(byte[] bytes, int offset, int length) {
        return new long[] {number(bytes, offset, length, PROMPT), number(bytes, offset, length, COMPLETION)};
    }

    private static long number(byte[] bytes, int offset, int length, byte[] key) {
        int end = offset + length;
        // From the end: the usage object comes last in a completion and in the final chunk.
        outer:
        for (int i = end - key.length; i >= offset; i--) {
            for (int j = 0; j < key.length; j++) {
                if (bytes[i + j] != key[j]) {
                    continue outer;
                }
            }
            int k = i + key.length;
            while (k < end && bytes[k] == ' ') {
                k++;
            }
            long value = 0;
            int digits = 0;
            while (k < end && bytes[k] >= '0' && bytes[k] <= '9' && digits < 12) {
                value = value * 10 + (bytes[k] - '0');
                k++;
                digits++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }
}
