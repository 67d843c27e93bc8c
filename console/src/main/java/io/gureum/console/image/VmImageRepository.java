package io.gureum.console.image;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface VmImageRepository extends JpaRepository<StoredVmImage, UUID> {

    List<StoredVmImage> findAllByOrderByNameAsc();

    boolean existsByName(String name);
}
