package dev.muninn.server.ui;

import java.util.ArrayList;
import java.util.List;

import dev.muninn.server.catalog.ModelView;

/** A model as its row shows it, with the outcome of the last action on the row. */
record ModelRow(ModelView m, String message, boolean failed) {

    public List<String> capabilities() {
        List<String> caps = new ArrayList<>();
        if (m.supportsToolCalling()) {
            caps.add("tools");
        }
        if (m.supportsParallelToolCalls()) {
            caps.add("parallel tools");
        }
        if (m.supportsResponseFormatJsonObject()) {
            caps.add("JSON");
        }
        if (m.supportsResponseFormatJsonSchema()) {
            caps.add("JSON schema");
        }
        if (m.supportsStreaming()) {
            caps.add("streaming");
        }
        if (m.supportsVision()) {
            caps.add("vision");
        }
        if (m.supportsEmbeddings()) {
            caps.add("embeddings");
        }
        return caps;
    }

    public String contextWindow() {
        return m.contextWindowTokens() == 0 ? "unlimited" : String.format("%,d", m.contextWindowTokens());
    }

    public String cost() {
        if (m.inputCostPerMillion() == null && m.outputCostPerMillion() == null) {
            return "—";
        }
        return "$" + plain(m.inputCostPerMillion()) + " in / $" + plain(m.outputCostPerMillion()) + " out";
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }
}
