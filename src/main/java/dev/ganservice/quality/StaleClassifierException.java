package dev.ganservice.quality;

/** The cached classifier is intact but was trained from other data or settings than wanted. */
class StaleClassifierException extends Exception {

    StaleClassifierException(String message) {
        super(message);
    }
}
