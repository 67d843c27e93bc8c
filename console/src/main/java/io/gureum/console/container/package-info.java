/** Containers. */
package io.gureum.console.container;
