package io.gureum.console.quota;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ProjectQuotaRepository extends JpaRepository<ProjectQuota, Long> {

    /** SELECT ... FOR UPDATE: concurrent checks of the same project wait for each other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select q from ProjectQuota q where q.projectId = :projectId")
    Optional<ProjectQuota> lockByProjectId(@Param("projectId") long projectId);
}
