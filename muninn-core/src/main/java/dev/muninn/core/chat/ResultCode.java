package dev.muninn.core.chat;

/** Why a run did not produce an answer; stable names, part of the API contract. */
public enum ResultCode {
    /** Nothing configured for this interaction (no user override, no global config, no env fallback). */
    NO_CONFIGURATION,
    /** The model is disabled and the caller did not pass allowDisabled. */
    MODEL_DISABLED,
    /** The model's provider is disabled. */
    PROVIDER_DISABLED,
    /** The prompt plus the reserved answer tokens exceed the model's context window. */
    PROMPT_TOO_LONG,
    /** The request needs something the model does not do (tools, a JSON response format, streaming, embeddings). */
    CAPABILITY_UNSUPPORTED,
    /** The provider failed: HTTP error status, unreachable, broken stream, invalid response. */
    PROVIDER_ERROR,
    /** The provider did not answer in time. */
    TIMEOUT,
    /** The request itself is malformed (no messages, bad max_tokens). */
    INVALID_REQUEST,
    /** The consumer cancelled a stream (e.g. its client disconnected). */
    CANCELLED
}
