package dev.ganservice.config;

/**
 * Something in the environment (a folder, a setting) that stops the service from starting, with
 * what the operator should do about it. Spring Boot prints it as a short report instead of a stack
 * trace.
 */
public class StartupProblem extends RuntimeException {

    private final String action;

    public StartupProblem(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
