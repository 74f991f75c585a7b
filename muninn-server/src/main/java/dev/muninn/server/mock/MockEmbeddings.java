package dev.muninn.server.mock;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Deterministic embeddings: each vector is drawn from SHA-256 of the input text and
 * normalized to length 1, so equal texts give equal vectors on every run and machine.
 */
final class MockEmbeddings {

    static final int DEFAULT_DIMENSIONS = 16;
    static final int MAX_DIMENSIONS = 8192;

    private MockEmbeddings() {
    }

    static OpenAi.EmbeddingList answer(JsonNode body) {
        if (!body.isObject()) {
            throw MockLlmException.invalidRequest("The request body must be a JSON object", null);
        }
        List<String> inputs = inputs(body.path("input"));
        for (String input : inputs) {
            MockCommand.parse(input).failOrWait();
        }
        int dimensions = dimensions(body.path("dimensions"));
        boolean base64 = encodingIsBase64(body.path("encoding_format"));
        List<OpenAi.Embedding> data = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = vector(inputs.get(i), dimensions);
            data.add(new OpenAi.Embedding("embedding", base64 ? toBase64(vector) : vector, i));
            tokens += Words.count(inputs.get(i));
        }
        return new OpenAi.EmbeddingList("list", data, body.path("model").asString("mock-embedding"),
                new OpenAi.EmbeddingUsage(tokens, tokens));
    }

    static float[] vector(String text, int dimensions) {
        MessageDigest sha256 = sha256();
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        float[] vector = new float[dimensions];
        for (int block = 0; block * 8 < dimensions; block++) {
            sha256.update(textBytes);
            sha256.update(ByteBuffer.allocate(4).putInt(block).array());
            ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
            for (int i = block * 8; i < Math.min(dimensions, block * 8 + 8); i++) {
                vector[i] = digest.getInt() / (float) Integer.MAX_VALUE;
            }
        }
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static List<String> inputs(JsonNode input) {
        List<String> inputs = new ArrayList<>();
        if (input.isString()) {
            inputs.add(input.stringValue());
        } else if (input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isString()) {
                    throw MockLlmException.invalidRequest("The mock embeds strings only, not token arrays", "input");
                }
                inputs.add(item.stringValue());
            }
        } else {
            throw MockLlmException.invalidRequest("'input' must be a string or a non-empty array of strings", "input");
        }
        return inputs;
    }

    private static int dimensions(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return DEFAULT_DIMENSIONS;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1
                || node.intValue() > MAX_DIMENSIONS) {
            throw MockLlmException.invalidRequest(
                    "'dimensions' must be an integer from 1 to " + MAX_DIMENSIONS, "dimensions");
        }
        return node.intValue();
    }

    private static boolean encodingIsBase64(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || "float".equals(node.asString(""))) {
            return false;
        }
        if ("base64".equals(node.asString(""))) {
            return true;
        }
        throw MockLlmException.invalidRequest("'encoding_format' must be 'float' or 'base64'", "encoding_format");
    }

    // OpenAI's base64 form: the floats as little-endian float32, which the official clients request by default.
    private static String toBase64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
