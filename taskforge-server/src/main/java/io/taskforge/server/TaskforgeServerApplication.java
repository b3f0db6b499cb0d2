package io.taskforge.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application behind {@code taskforge server} and {@code taskforge worker}. The
 * executable jar starts {@link io.taskforge.server.cli.TaskforgeCommand}, which reads the command
 * line and runs this; {@link #main} serves IDEs and {@code spring-boot:run}.
 */
@SpringBootApplication
public class TaskforgeServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaskforgeServerApplication.class, args);
    }
}
