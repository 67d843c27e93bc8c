/** Audit log: an append-only record of mutations and logins, written from application events. */
package io.gureum.console.audit;
