/** Images. */
package io.gureum.console.image;
