package io.gureum.console.image;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface InstanceSizeRepository extends JpaRepository<StoredInstanceSize, UUID> {

    List<StoredInstanceSize> findAllByOrderByVcpusAscMemoryMibAscNameAsc();

    boolean existsByName(String name);
}
