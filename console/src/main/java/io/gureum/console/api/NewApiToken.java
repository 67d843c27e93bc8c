package io.gureum.console.api;

/** A token just made, with its secret: the only time the secret is shown. */
public record NewApiToken(ApiTokenSummary token, String secret) {
}
