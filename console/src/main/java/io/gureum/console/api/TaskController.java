package io.gureum.console.api;

import io.gureum.console.task.TaskService;
import java.net.URI;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tasks through {@link TaskService}, which shows a task only to those who may see its target. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

    private final TaskService tasks;

    TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    static URI location(UUID taskId) {
        return URI.create("/api/v1/tasks/" + taskId); // a UUID: nothing but hex digits and dashes
    }

    @GetMapping("/{id}")
    TaskResource get(@PathVariable UUID id) {
        return TaskResource.of(tasks.get(id));
    }
}
