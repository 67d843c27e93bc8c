/** Hosts. */
package io.gureum.console.host;
