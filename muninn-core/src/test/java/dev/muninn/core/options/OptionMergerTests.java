package dev.muninn.core.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionMergerTests {

    @Test
    void laterLayersWinAndEachValueRemembersItsSource() {
        MergedOptions merged = OptionMerger.merge(
                Map.of("temperature", 1.0, "top_p", 0.9, "max_tokens", 100, "frequency_penalty", 0.1),
                Map.of("temperature", 0.8, "top_p", 0.95, "presence_penalty", 0.3),
                0.5, 2000,
                Map.of("temperature", 0.1));

        assertThat(merged.values()).containsOnly(
                entry("temperature", 0.1),
                entry("top_p", 0.95),
                entry("max_tokens", 2000),
                entry("frequency_penalty", 0.1),
                entry("presence_penalty", 0.3));
        assertThat(merged.sources()).containsOnly(
                entry("temperature", OptionSource.REQUEST),
                entry("top_p", OptionSource.PRESET),
                entry("max_tokens", OptionSource.INTERACTION_CONFIG),
                entry("frequency_penalty", OptionSource.PROVIDER_DEFAULTS),
                entry("presence_penalty", OptionSource.PRESET));
    }

    @Test
    void interactionTemperatureBeatsThePresetButNotTheRequest() {
        MergedOptions fromInteraction = OptionMerger.merge(null, Map.of("temperature", 0.9), 0.2, null, null);
        MergedOptions fromRequest = OptionMerger.merge(null, Map.of("temperature", 0.9), 0.2, null,
                Map.of("temperature", 0.7));

        assertThat(fromInteraction.get("temperature")).isEqualTo(0.2);
        assertThat(fromInteraction.sourceOf("temperature")).isEqualTo(OptionSource.INTERACTION_CONFIG);
        assertThat(fromRequest.get("temperature")).isEqualTo(0.7);
    }

    @Test
    void allLayersNullGivesNoOptions() {
        MergedOptions merged = OptionMerger.merge(null, null, null, null, null);

        assertThat(merged.values()).isEmpty();
        assertThat(merged.sources()).isEmpty();
    }

    @Test
    void reservedKeysInStoredLayersNeverPassThrough() {
        MergedOptions merged = OptionMerger.merge(
                Map.of("model", "evil-model", "stream", true, "temperature", 0.3),
                Map.of("messages", "[]", "tools", "[]", "tool_choice", "none", "response_format", "{}"),
                null, null, null);

        assertThat(merged.values()).containsOnlyKeys("temperature");
        assertThat(merged.ignoredKeys()).containsExactlyInAnyOrder(
                "model", "stream", "messages", "tools", "tool_choice", "response_format");
    }

    @Test
    void theRequestLayerMayCarryToolsAndResponseFormat() {
        MergedOptions merged = OptionMerger.merge(null, null, null, null,
                Map.of("tools", "[...]", "response_format", Map.of("type", "json_object")));

        assertThat(merged.values()).containsKeys("tools", "response_format");
        assertThat(merged.ignoredKeys()).isEmpty();
    }

    @Test
    void mergedOptionsCannotBeChangedAfterwards() {
        MergedOptions merged = OptionMerger.merge(Map.of("top_p", 0.5), null, null, null, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> merged.values().put("top_p", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
