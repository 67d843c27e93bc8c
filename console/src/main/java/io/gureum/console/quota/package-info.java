/** Quotas: limits per project, defaults for new projects, and the atomic check against usage. */
package io.gureum.console.quota;
