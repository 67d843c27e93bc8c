package io.gureum.console.project;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProjectRepository extends JpaRepository<Project, Long> {

    boolean existsByName(String name);

    List<Project> findAllByOrderByNameAsc();

    List<Project> findByIdInOrderByNameAsc(Collection<Long> ids);
}
