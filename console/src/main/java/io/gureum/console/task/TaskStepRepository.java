package io.gureum.console.task;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TaskStepRepository extends JpaRepository<TaskStep, TaskStep.Key> {

    List<TaskStep> findByTaskIdOrderByPositionAsc(UUID taskId);
}
