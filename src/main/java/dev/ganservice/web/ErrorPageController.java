package dev.ganservice.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches (errors raised outside Spring MVC's exception
 * handling, such as an HTTP method the servlet itself refuses) with a problem body, replacing
 * Spring Boot's default error JSON.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status =
                code instanceof Integer value && HttpStatus.resolve(value) != null
                        ? HttpStatus.valueOf(value)
                        : HttpStatus.NOT_FOUND;
        ProblemDetail problem =
                Problems.withType(
                        ProblemDetail.forStatusAndDetail(
                                status,
                                status == HttpStatus.NOT_FOUND && code == null
                                        ? "There is nothing at this address."
                                        : "The server could not handle the request ("
                                                + status.getReasonPhrase()
                                                + ")."));
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
