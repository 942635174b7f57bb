package dev.ganservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a query string Tomcat cannot decode (a {@code %} not followed by two hex digits, say)
 * with 400, before anything asks for a parameter. Tomcat reports it only when a parameter is first
 * read, as an exception that would otherwise end as a 500 with a stack trace in the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryStringCheck extends OncePerRequestFilter {

    private final JsonMapper json;

    QueryStringCheck(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException e) {
                refuse(response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        ProblemDetail problem =
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "malformed-query",
                        "Malformed query string",
                        "The query string cannot be decoded: every % must be followed by two"
                                + " hexadecimal digits (write a literal % as %25).");
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
