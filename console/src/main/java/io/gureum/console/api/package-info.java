/**
 * HTTP API v1 for scripts and pipelines: controllers over the same service facades as the UI (every check stays
 * there), personal API tokens, RFC 9457 problem details, the OpenAPI document.
 */
package io.gureum.console.api;
