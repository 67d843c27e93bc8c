package io.gureum.console.task;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TaskRecordRepository extends JpaRepository<TaskRecord, UUID> {

    @Query("select t from TaskRecord t order by t.createdAt desc")
    List<TaskRecord> recent(Pageable page);

    @Query("select t from TaskRecord t where t.actor = :actor or t.projectId in :projects order by t.createdAt desc")
    List<TaskRecord> recentVisibleTo(@Param("actor") String actor, @Param("projects") Collection<Long> projects,
                                     Pageable page);

    @Query("select count(t) from TaskRecord t where t.actor = :actor or t.projectId in :projects")
    long countVisibleTo(@Param("actor") String actor, @Param("projects") Collection<Long> projects);

    @Query("select t from TaskRecord t where t.targetType = :type and t.targetId = :id order by t.createdAt desc")
    List<TaskRecord> forTarget(@Param("type") String targetType, @Param("id") String targetId);

    List<TaskRecord> findByStateIn(Collection<TaskState> states);
}
