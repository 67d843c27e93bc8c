/** Dashboard. */
package io.gureum.console.dashboard;
