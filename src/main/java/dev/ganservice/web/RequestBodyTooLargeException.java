package dev.ganservice.web;

import java.io.IOException;

/**
 * A request body longer than the service reads. An {@link IOException}, so that it travels through
 * body readers the way any failed read does, and {@link ProblemHandler} finds it among the causes.
 */
class RequestBodyTooLargeException extends IOException {

    private final int limit;

    RequestBodyTooLargeException(int limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    int limit() {
        return limit;
    }
}
