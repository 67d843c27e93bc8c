/** Audit log. */
package io.gureum.console.audit;
