package io.gureum.container;

import io.gureum.container.testsupport.Requires;

/** The contract on real Podman (mandatory under CI=true). */
class PodmanContractTest extends ContainerEngineContract {
    @Override
    protected ContainerEngine openEngine() {
        return Requires.engine();
    }
}
