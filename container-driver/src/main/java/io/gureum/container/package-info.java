/** Container driver: SPI and Docker Engine API implementation. */
package io.gureum.container;
