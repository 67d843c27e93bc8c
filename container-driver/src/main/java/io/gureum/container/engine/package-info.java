/**
 * The Docker Engine API implementation of the container SPI, on docker-java (httpclient5
 * transport). Entry point: {@link io.gureum.container.engine.ContainerEngines}. No docker-java type
 * leaves this package.
 */
package io.gureum.container.engine;
