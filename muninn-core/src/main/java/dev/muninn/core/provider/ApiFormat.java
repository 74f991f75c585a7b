package dev.muninn.core.provider;

/** The wire protocol a provider speaks. OpenAI-compatible servers (vLLM, Ollama, LM Studio, OpenRouter) use OPENAI. */
public enum ApiFormat {
    OPENAI,
    ANTHROPIC
}
