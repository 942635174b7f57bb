package dev.ganservice.web;

import dev.ganservice.config.Nd4jUnavailableException;
import dev.ganservice.data.DataSetNotFoundException;
import dev.ganservice.data.InvalidDataFileException;
import dev.ganservice.job.InvalidJobException;
import dev.ganservice.job.JobFinishedException;
import dev.ganservice.job.JobNotFoundException;
import dev.ganservice.job.JobNotResumableException;
import dev.ganservice.job.NoScoredEpochException;
import dev.ganservice.job.QueueFullException;
import dev.ganservice.live.NoGridException;
import dev.ganservice.live.TooManyStreamsException;
import dev.ganservice.sampling.InvalidSampleRequestException;
import dev.ganservice.sampling.NoCheckpointException;
import dev.ganservice.sampling.SamplingBusyException;
import dev.ganservice.storage.RunsFolderUnavailableException;
import dev.ganservice.web.Problems.FieldProblem;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place that turns exceptions into RFC 9457 problem responses, and decides how loudly to
 * log them: client mistakes at DEBUG, capacity and data problems at WARN, bugs at ERROR.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Seconds a client should wait before retrying a full queue: about one short epoch. */
    static final int QUEUE_RETRY_SECONDS = 30;

    /** Seconds a client should wait while ND4J loads: a typical start takes a few. */
    static final int BACKEND_RETRY_SECONDS = 5;

    /** Seconds a client should wait when every sampling slot is busy: a few requests' time. */
    static final int SAMPLES_RETRY_SECONDS = 2;

    /** Seconds a client should wait for an event stream; streams end with their jobs. */
    static final int STREAMS_RETRY_SECONDS = 30;

    @ExceptionHandler(JobNotFoundException.class)
    ResponseEntity<Object> jobNotFound(JobNotFoundException e) {
        return client(HttpStatus.NOT_FOUND, "job-not-found", "Job not found", e.getMessage());
    }

    @ExceptionHandler(NoCheckpointException.class)
    ResponseEntity<Object> noCheckpoint(NoCheckpointException e) {
        return client(HttpStatus.NOT_FOUND, "no-checkpoint", "No checkpoint", e.getMessage());
    }

    @ExceptionHandler(NoGridException.class)
    ResponseEntity<Object> noGrid(NoGridException e) {
        return client(HttpStatus.NOT_FOUND, "no-grid", "No grid", e.getMessage());
    }

    @ExceptionHandler(NoScoredEpochException.class)
    ResponseEntity<Object> noScoredEpoch(NoScoredEpochException e) {
        return client(HttpStatus.NOT_FOUND, "no-scored-epoch", "No scored epoch", e.getMessage());
    }

    @ExceptionHandler(JobFinishedException.class)
    ResponseEntity<Object> jobFinished(JobFinishedException e) {
        return client(HttpStatus.CONFLICT, "job-finished", "Job not active", e.getMessage());
    }

    @ExceptionHandler(JobNotResumableException.class)
    ResponseEntity<Object> notResumable(JobNotResumableException e) {
        return client(
                HttpStatus.CONFLICT, "job-not-resumable", "Job cannot be resumed", e.getMessage());
    }

    @ExceptionHandler(InvalidJobException.class)
    ResponseEntity<Object> invalidJob(InvalidJobException e) {
        return respond(Problems.invalidField(e.field(), e.getMessage()));
    }

    @ExceptionHandler(InvalidSampleRequestException.class)
    ResponseEntity<Object> invalidSample(InvalidSampleRequestException e) {
        return respond(Problems.invalidField(e.field(), e.getMessage()));
    }

    @ExceptionHandler(SamplesController.MissingJobException.class)
    ResponseEntity<Object> missingJob(SamplesController.MissingJobException e) {
        return respond(Problems.invalidField("job", e.getMessage()));
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<Object> queueFull(QueueFullException e) {
        // JobService warns once when the queue fills up; a flood must not flood the log.
        log.debug("Refused a job: {}", e.getMessage());
        return retryLater(
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "queue-full",
                        "Training queue full",
                        e.getMessage()),
                QUEUE_RETRY_SECONDS);
    }

    @ExceptionHandler(DataSetNotFoundException.class)
    ResponseEntity<Object> dataSetNotFound(DataSetNotFoundException e) {
        // JobService warns once when the queue fills up; a flood must not flood the log.
        log.debug("Refused a job: {}", e.getMessage());
        return unavailable("data-set-not-found", "Training data not found", e.getMessage());
    }

    @ExceptionHandler(InvalidDataFileException.class)
    ResponseEntity<Object> invalidDataFile(InvalidDataFileException e) {
        // JobService warns once when the queue fills up; a flood must not flood the log.
        log.debug("Refused a job: {}", e.getMessage());
        return unavailable(
                "data-set-unreadable",
                "Training data unreadable",
                "The training data cannot be used: " + e.getMessage());
    }

    @ExceptionHandler(RunsFolderUnavailableException.class)
    ResponseEntity<Object> runsFolderUnavailable(RunsFolderUnavailableException e) {
        log.warn("Refused a job: {}", e.getMessage(), e);
        return unavailable(
                "runs-folder-unavailable",
                "Runs folder not writable",
                "The service cannot write a run folder for the job; an operator must make its"
                        + " runs folder (gan.runs-dir) writable.");
    }

    @ExceptionHandler(Nd4jUnavailableException.class)
    ResponseEntity<Object> nd4jUnavailable(Nd4jUnavailableException e) {
        log.warn("Refused a request: {}", e.getMessage());
        return retryLater(
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "backend-unavailable",
                        "Compute backend not ready",
                        e.getMessage()),
                BACKEND_RETRY_SECONDS);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(RequestBodyTooLargeException e) {
        return client(
                HttpStatus.CONTENT_TOO_LARGE,
                "request-body-too-large",
                "Request body too large",
                "The request body is larger than "
                        + e.limit()
                        + " bytes (64 KiB), more than any job request needs; send only the"
                        + " fields to change, such as {\"epochs\": 5}.");
    }

    @ExceptionHandler(SamplingBusyException.class)
    ResponseEntity<Object> samplingBusy(SamplingBusyException e) {
        // The limiter warns at most once a minute and counts every refusal in a metric.
        log.debug("Refused a sample request: {}", e.getMessage());
        return retryLater(
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "sampling-busy",
                        "Too many sample requests",
                        e.getMessage()),
                SAMPLES_RETRY_SECONDS);
    }

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<Object> tooManyStreams(TooManyStreamsException e) {
        // JobEventStreams warns once each time every stream is taken.
        log.debug("Refused an event stream: {}", e.getMessage());
        return retryLater(
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "too-many-streams",
                        "Too many event streams",
                        e.getMessage()),
                STREAMS_RETRY_SECONDS);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Request failed unexpectedly", e);
        return respond(
                Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "Internal error",
                        "The service failed to answer; the error is in its log."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldProblem> problems =
                e.getBindingResult().getFieldErrors().stream()
                        .map(
                                error ->
                                        new FieldProblem(
                                                error.getField(),
                                                error.getDefaultMessage(),
                                                String.valueOf(error.getRejectedValue())))
                        .distinct()
                        .toList();
        return invalidFields(problems);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldProblem> problems =
                e.getParameterValidationResults().stream()
                        .flatMap(ProblemHandler::fieldProblems)
                        .distinct()
                        .toList();
        return invalidFields(problems);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String field = e.getPropertyName();
        Annotation[] constraints =
                e instanceof MethodArgumentTypeMismatchException mismatch
                        ? mismatch.getParameter().getParameterAnnotations()
                        : new Annotation[0];
        String detail =
                field
                        + " must be "
                        + AllowedValues.describe(e.getRequiredType(), constraints)
                        + "; got "
                        + given(e.getValue())
                        + ".";
        return respond(Problems.invalidField(field, detail));
    }

    /** The value as the client sent it; a parameter given twice arrives as an array. */
    private static String given(Object value) {
        if (value instanceof Object[] values) {
            return values.length + " values " + Arrays.toString(values) + " where one belongs";
        }
        return "'" + value + "'";
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String detail =
                e.getContentType() == null
                        ? "The request has a body but no Content-Type; send it as"
                                + " application/json."
                        : "Content-Type '"
                                + e.getContentType()
                                + "' is not supported; send it as application/json.";
        ProblemDetail problem =
                Problems.of(status, "unsupported-media-type", "Unsupported Media Type", detail);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        RequestBodyTooLargeException tooLarge = tooLarge(e);
        if (tooLarge != null) {
            return bodyTooLarge(tooLarge);
        }
        RequestBodyErrors.Explained explained = RequestBodyErrors.explain(e);
        log.debug("Unreadable request body: {}", e.getMessage());
        ProblemDetail problem =
                explained.field() != null
                        ? Problems.invalidField(explained.field(), explained.detail())
                        : Problems.of(
                                HttpStatus.BAD_REQUEST,
                                "malformed-body",
                                "Malformed request body",
                                explained.detail());
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e,
            Object body,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        log.debug("Request refused with {}: {}", status, e.getMessage());
        ResponseEntity<Object> response =
                super.handleExceptionInternal(e, body, headers, status, request);
        if (response == null) {
            return null;
        }
        Object problem =
                response.getBody() instanceof ProblemDetail detail
                        ? Problems.withType(detail)
                        : response.getBody();
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ResponseEntity<Object> invalidFields(List<FieldProblem> problems) {
        String detail =
                problems.stream()
                        .map(
                                problem ->
                                        problem.field()
                                                + " "
                                                + problem.message()
                                                + "; got "
                                                + problem.rejected()
                                                + ".")
                        .collect(Collectors.joining(" "));
        ProblemDetail problem = Problems.invalidFields(problems, detail);
        log.debug("Invalid request: {}", detail);
        return respond(problem);
    }

    /** The body-size cap's exception, however deep the body reader wrapped it. */
    private static RequestBodyTooLargeException tooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static Stream<FieldProblem> fieldProblems(ParameterValidationResult result) {
        String field = result.getMethodParameter().getParameterName();
        String rejected = String.valueOf(result.getArgument());
        return result.getResolvableErrors().stream()
                .map(error -> new FieldProblem(field, error.getDefaultMessage(), rejected));
    }

    private static ResponseEntity<Object> client(
            HttpStatus status, String type, String title, String detail) {
        log.debug("{}: {}", title, detail);
        return respond(Problems.of(status, type, title, detail));
    }

    /** A 503: the request was fine, but the service cannot serve it until an operator acts. */
    private static ResponseEntity<Object> unavailable(String type, String title, String detail) {
        return respond(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail));
    }

    /** A problem whose cause passes: {@code Retry-After} says when to ask again. */
    private static ResponseEntity<Object> retryLater(ProblemDetail problem, int seconds) {
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
