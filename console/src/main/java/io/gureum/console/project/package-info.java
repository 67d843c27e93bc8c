/** Projects & quotas. */
package io.gureum.console.project;
