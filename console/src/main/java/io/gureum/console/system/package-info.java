/** Cross-cutting configuration: settings, clock. */
package io.gureum.console.system;
