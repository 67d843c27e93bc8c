/** Virtual machines. */
package io.gureum.console.vm;
