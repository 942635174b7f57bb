package dev.ganservice.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link StartupProblem} as Spring Boot's "APPLICATION FAILED TO START" summary. */
class StartupProblemAnalyzer extends AbstractFailureAnalyzer<StartupProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupProblem cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
