/** Tasks. */
package io.gureum.console.task;
